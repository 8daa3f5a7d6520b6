package com.diffusionlab.engine.sampling;

import java.util.List;
import java.util.Objects;

/**
 * What a sampler will do for a given number of steps and strength: the noise level of every model
 * evaluation and the level the run ends at. Made by {@link Sampler#plan} and run by the same
 * sampler's {@link Sampler#sample}.
 *
 * <p>The caller builds the start latent from it: txt2img {@code noise·txt2imgNoiseScale}, img2img
 * {@code initLatent + noise·startSigma}.
 *
 * @param sampler the canonical name of the sampler that made the plan
 * @param steps the requested number of steps
 * @param strength the requested strength, 1 for txt2img
 * @param sigmas the noise level of each model evaluation, then the level after the last step (0 for
 *     the k-diffusion samplers; for DDIM and PNDM that of the final ᾱ)
 * @param timesteps the diffusers timestep of each model evaluation (DDIM, PNDM); empty for the
 *     k-diffusion samplers, whose network timesteps are {@link DiscreteSchedule#sigmaToT} of the
 *     sigmas
 * @param txt2imgNoiseScale the factor of unit noise that makes a txt2img start latent: the first
 *     sigma for the k-diffusion samplers (AUTOMATIC1111, ComfyUI); √(1+σ₀²) for DDIM and PNDM,
 *     because diffusers starts them from unit noise on the scale of x_t = √ᾱ·x
 */
public record SamplingPlan(
    String sampler,
    int steps,
    double strength,
    List<Double> sigmas,
    List<Integer> timesteps,
    double txt2imgNoiseScale) {

  public SamplingPlan {
    Objects.requireNonNull(sampler, "sampler");
    sigmas = List.copyOf(sigmas);
    timesteps = List.copyOf(timesteps);
    if (sigmas.size() < 2) {
      throw new IllegalArgumentException(
          "a plan needs at least one step: sigmas " + sigmas + " must have 2 or more values");
    }
    if (!timesteps.isEmpty() && timesteps.size() != sigmas.size() - 1) {
      throw new IllegalArgumentException(
          "timesteps " + timesteps.size() + " must match the " + (sigmas.size() - 1) + " steps");
    }
  }

  /** The number of model evaluations, which is what {@link StepListener} counts as steps. */
  public int evaluations() {
    return sigmas.size() - 1;
  }

  /** The noise level of the first evaluation; img2img starts from {@code init + noise·this}. */
  public double startSigma() {
    return sigmas.get(0);
  }

  /** The noise level the run ends at. */
  public double finalSigma() {
    return sigmas.get(sigmas.size() - 1);
  }
}
