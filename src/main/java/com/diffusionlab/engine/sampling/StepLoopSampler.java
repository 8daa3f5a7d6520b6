package com.diffusionlab.engine.sampling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.diffusionlab.engine.EngineException;
import com.diffusionlab.engine.noise.NoiseSource;
import java.util.Objects;

/**
 * The step loop every sampler shares: one model evaluation per step, array ownership through {@link
 * StepArrays}, the listener after each step. A sampler supplies a {@link Run} per call, which holds
 * that call's state (history of multistep methods).
 */
abstract class StepLoopSampler implements Sampler {
  private final SamplerSettings settings;
  private final DiscreteSchedule schedule;
  private final SamplerType type;

  StepLoopSampler(SamplerType type, SamplerSettings settings, DiscreteSchedule schedule) {
    this.type = type;
    this.settings = settings;
    this.schedule = schedule;
  }

  /** The per-call state and step rule of a sampler. */
  interface Run {

    /** The run's state made from the caller's start latent (k-diffusion scale). */
    default NDArray initialState(NDArray xStart) {
      return xStart;
    }

    /** What the denoiser sees in step {@code index}: the state on the k-diffusion scale. */
    default NDArray denoiserInput(int index, NDArray state) {
      return state;
    }

    /**
     * The state after step {@code index}. Arrays it derives live in {@code step}; anything to carry
     * to later steps is kept only after it is no longer an operand of this step.
     */
    NDArray next(int index, NDArray state, NDArray input, NDArray denoised, NDManager step);

    /** The state after step {@code index} on the k-diffusion scale, for the listener. */
    default NDArray view(int index, NDArray next) {
      return next;
    }
  }

  abstract Run start(SamplingPlan plan, NoiseSource noise, StepArrays arrays);

  @Override
  public final NDArray sample(
      Denoiser denoiser,
      NDArray xStart,
      SamplingPlan plan,
      NoiseSource noise,
      StepListener listener) {
    Objects.requireNonNull(denoiser, "denoiser");
    Objects.requireNonNull(xStart, "xStart");
    Objects.requireNonNull(noise, "noise");
    Objects.requireNonNull(listener, "listener");
    if (!plan.sampler().equals(name())) {
      throw new IllegalArgumentException(
          "a plan of sampler '" + plan.sampler() + "' cannot be run by '" + name() + "'");
    }
    int total = plan.evaluations();
    try (StepArrays arrays = new StepArrays(xStart)) {
      Run run = start(plan, noise, arrays);
      NDArray state = xStart;
      for (int i = 0; i < total; i++) {
        double sigma = plan.sigmas().get(i);
        try (NDManager step = arrays.openStep()) {
          NDArray current = i == 0 ? run.initialState(xStart) : state;
          NDArray input = run.denoiserInput(i, current);
          NDArray denoised = arrays.adopt(step, denoiser.denoise(input, sigma));
          NDArray next = run.next(i, current, input, denoised, step);
          listener.onStep(i, total, sigma, run.view(i, next), denoised);
          arrays.release(state);
          state = arrays.keep(next);
        }
      }
      return arrays.finish(state);
    }
  }

  @Override
  public SamplerSettings settings() {
    return settings;
  }

  @Override
  public SamplerType type() {
    return type;
  }

  @Override
  public DiscreteSchedule schedule() {
    return schedule;
  }

  static void checkSteps(int steps, int max) {
    if (steps < 1 || steps > max) {
      throw new EngineException("steps " + steps + " is out of range; allowed: 1 to " + max);
    }
  }

  static void checkStrength(double strength) {
    if (!(strength > 0 && strength <= 1)) {
      throw new EngineException(
          "strength " + strength + " is out of range; allowed: greater than 0 and at most 1");
    }
  }
}
