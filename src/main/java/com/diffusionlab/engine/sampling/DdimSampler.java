package com.diffusionlab.engine.sampling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.diffusionlab.engine.noise.NoiseSource;
import java.util.List;

/**
 * diffusers' DDIMScheduler (Song et al. 2021): from timestep t to t' = t − N/steps, x_t' =
 * √ᾱ_t'·x̂₀ + √(1 − ᾱ_t' − s²)·ε̂ + s·z with s = η·√((1−ᾱ_t')/(1−ᾱ_t)·(1 − ᾱ_t/ᾱ_t')). As in
 * diffusers, z is drawn in every step when η > 0 (also the last, where s may be 0), and t' follows
 * from the step ratio even where the spacing puts the next timestep elsewhere.
 */
final class DdimSampler extends DiffusersSampler {
  private final double eta;

  DdimSampler(SamplerSettings settings, DiscreteSchedule schedule, SchedulerConfig config) {
    super(SamplerType.DDIM, settings, schedule, config);
    this.eta = settings.eta();
  }

  @Override
  int[] evaluationTimesteps(int[] descending) {
    return descending;
  }

  @Override
  int previousTimestep(List<Integer> timesteps, int index, int ratio) {
    return timesteps.get(index) - ratio;
  }

  @Override
  Run start(SamplingPlan plan, NoiseSource noise, StepArrays arrays) {
    return new VpRun(plan) {
      @Override
      public NDArray next(
          int index, NDArray state, NDArray input, NDArray denoised, NDManager step) {
        double alpha = alphaCumprod(timesteps.get(index));
        double alphaPrevious = alphaCumprod(previousTimestep(timesteps, index, ratio));
        double variance = (1 - alphaPrevious) / (1 - alpha) * (1 - alpha / alphaPrevious);
        double deviation = eta * Math.sqrt(variance);
        double direction = Math.sqrt(Math.max(0, 1 - alphaPrevious - deviation * deviation));
        NDArray result =
            denoised
                .mul(Math.sqrt(alphaPrevious))
                .add(epsilon(index, input, denoised).mul(direction));
        if (eta > 0) {
          NDArray fresh = arrays.adopt(step, noise.next(step, state.getShape()));
          result = result.add(fresh.mul(deviation));
        }
        return result;
      }
    };
  }
}
