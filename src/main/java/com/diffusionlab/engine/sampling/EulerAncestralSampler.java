package com.diffusionlab.engine.sampling;

import ai.djl.ndarray.NDArray;
import com.diffusionlab.engine.noise.NoiseSource;
import java.util.List;

/**
 * k-diffusion's {@code sample_euler_ancestral} with η = 1 and s_noise = 1: an Euler step down to
 * σ_down, then fresh noise of level σ_up, where σ_up = min(σ_next, √(σ_next²(σ² − σ_next²)/σ²)) and
 * σ_down = √(σ_next² − σ_up²). No noise is drawn for the last step (σ_next = 0).
 */
final class EulerAncestralSampler extends KDiffusionSampler {

  EulerAncestralSampler(
      SamplerSettings settings, DiscreteSchedule schedule, SigmaSchedule sigmaSchedule) {
    super(SamplerType.EULER_ANCESTRAL, settings, schedule, sigmaSchedule);
  }

  @Override
  Run start(SamplingPlan plan, NoiseSource noise, StepArrays arrays) {
    List<Double> sigmas = plan.sigmas();
    return (index, x, input, denoised, step) -> {
      double sigma = sigmas.get(index);
      double next = sigmas.get(index + 1);
      double up =
          Math.min(next, Math.sqrt(next * next * (sigma * sigma - next * next) / (sigma * sigma)));
      double down = Math.sqrt(next * next - up * up);
      NDArray moved = x.add(x.sub(denoised).div(sigma).mul(down - sigma));
      if (next > 0) {
        NDArray fresh = arrays.adopt(step, noise.next(step, x.getShape()));
        moved = moved.add(fresh.mul(up));
      }
      return moved;
    };
  }
}
