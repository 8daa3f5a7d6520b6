package com.diffusionlab.engine.sampling;

import ai.djl.ndarray.NDArray;
import com.diffusionlab.engine.EngineException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A sampler that reproduces a diffusers scheduler in diffusers' own space: its state is x_t =
 * √ᾱ_t·x (the scale of the UNet input), it steps between the config's integer timesteps and, like
 * diffusers, ends at the final ᾱ (1 with {@code set_alpha_to_one}, else ᾱ₀). Plans follow the
 * diffusers img2img pipeline: ⌊steps·strength⌋ steps from the end of the timestep list.
 */
abstract class DiffusersSampler extends StepLoopSampler {
  final SchedulerConfig config;
  private final double finalAlphaCumprod;

  DiffusersSampler(
      SamplerType type,
      SamplerSettings settings,
      DiscreteSchedule schedule,
      SchedulerConfig config) {
    super(type, settings, schedule);
    this.config = config;
    this.finalAlphaCumprod = config.setAlphaToOne() ? 1 : schedule.alphaCumprod(0);
  }

  /** The timesteps the model is evaluated at, for the descending inference timesteps. */
  abstract int[] evaluationTimesteps(int[] descending);

  /** The timestep evaluation {@code index} steps to ({@code ratio} = N / steps). */
  abstract int previousTimestep(List<Integer> timesteps, int index, int ratio);

  @Override
  public SamplingPlan plan(int steps, double strength) {
    checkSteps(steps, config.numTrainTimesteps());
    checkStrength(strength);
    int[] all = evaluationTimesteps(DiffusersTimesteps.descending(config, steps));
    int run = Math.min((int) (steps * strength), steps);
    if (run < 1) {
      throw new EngineException(
          "strength "
              + strength
              + " with "
              + steps
              + " steps leaves no step (diffusers runs ⌊steps·strength⌋ steps); allowed: strength"
              + " of at least 1/steps = "
              + 1.0 / steps);
    }
    List<Integer> timesteps = Arrays.stream(all, steps - run, all.length).boxed().toList();
    List<Double> sigmas = new ArrayList<>();
    for (int t : timesteps) {
      sigmas.add(schedule().sigma(t));
    }
    int last = timesteps.size() - 1;
    double finalAlpha = alphaCumprod(previousTimestep(timesteps, last, ratio(steps)));
    sigmas.add(Math.sqrt((1 - finalAlpha) / finalAlpha));
    double startSigma = sigmas.get(0);
    return new SamplingPlan(
        name(), steps, strength, sigmas, timesteps, Math.sqrt(1 + startSigma * startSigma));
  }

  int ratio(int steps) {
    return config.numTrainTimesteps() / steps;
  }

  /** ᾱ of a timestep; before timestep 0 that is the final ᾱ. */
  double alphaCumprod(int timestep) {
    return timestep >= 0 ? schedule().alphaCumprod(timestep) : finalAlphaCumprod;
  }

  /** The scale changes between the k-diffusion caller and diffusers' x_t state. */
  abstract class VpRun implements Run {
    final List<Integer> timesteps;
    final int ratio;

    VpRun(SamplingPlan plan) {
      this.timesteps = plan.timesteps();
      this.ratio = ratio(plan.steps());
    }

    @Override
    public NDArray initialState(NDArray xStart) {
      return xStart.mul(Math.sqrt(alphaCumprod(timesteps.get(0))));
    }

    @Override
    public NDArray denoiserInput(int index, NDArray state) {
      return state.div(Math.sqrt(alphaCumprod(timesteps.get(index))));
    }

    @Override
    public NDArray view(int index, NDArray next) {
      return next.div(Math.sqrt(alphaCumprod(previousTimestep(timesteps, index, ratio))));
    }

    /** ε̂ recovered from D: (x − D)/σ, x the denoiser's input. */
    NDArray epsilon(int index, NDArray input, NDArray denoised) {
      return input.sub(denoised).div(schedule().sigma(timesteps.get(index)));
    }
  }
}
