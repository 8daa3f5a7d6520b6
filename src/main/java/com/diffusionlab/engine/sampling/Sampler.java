package com.diffusionlab.engine.sampling;

import ai.djl.ndarray.NDArray;
import com.diffusionlab.engine.EngineException;
import com.diffusionlab.engine.noise.NoiseSource;

/**
 * A diffusion sampler bound to a model's noise schedule. Immutable and safe to share between
 * threads: each {@link #sample} call keeps its own state.
 */
public interface Sampler {

  /** What this sampler is: its canonical name, schedule and η. */
  SamplerSettings settings();

  /** The stable name ({@link SamplerType#id()}). */
  default String name() {
    return type().id();
  }

  /** Which of the engine's samplers this is. */
  SamplerType type();

  /**
   * The name AUTOMATIC1111 writes as "Sampler" in its infotext ({@link SamplerType#a1111Name()}).
   */
  default String a1111Name() {
    return type().a1111Name();
  }

  /** The noise-level table to build the {@link ModelDenoiser} with. */
  DiscreteSchedule schedule();

  /**
   * Plans a run.
   *
   * @param steps the number of steps, as the user gives it
   * @param strength 1 for txt2img; below 1 for img2img, the share of the schedule that is run
   *     (AUTOMATIC1111's "denoising strength" for the k-diffusion samplers, diffusers' {@code
   *     strength} for DDIM and PNDM)
   * @throws EngineException naming the value and the allowed range for steps ≤ 0, too many steps,
   *     strength outside (0, 1], or a strength too small to leave a step
   */
  SamplingPlan plan(int steps, double strength);

  /**
   * Runs a plan of this sampler.
   *
   * @param denoiser D(x; σ)
   * @param xStart the start latent on the k-diffusion scale, built from the plan (see {@link
   *     SamplingPlan}); left open and unchanged
   * @param noise the source of the ancestral (Euler a) and η > 0 (DDIM) noise
   * @param listener told after every step; an exception it throws cancels the run and propagates
   * @return the final latent, attached to the manager of {@code xStart}: the x₀ estimate the VAE
   *     decodes (after dividing by its scaling factor). For DDIM and PNDM it is the latent
   *     diffusers hands to the VAE, i.e. √ᾱ_final·(x₀ + σ_final·ε), which equals x₀ when {@code
   *     set_alpha_to_one} is true
   */
  NDArray sample(
      Denoiser denoiser,
      NDArray xStart,
      SamplingPlan plan,
      NoiseSource noise,
      StepListener listener);
}
