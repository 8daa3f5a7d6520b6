package com.diffusionlab.engine.sampling;

import com.diffusionlab.engine.noise.NoiseSource;
import java.util.List;

/**
 * k-diffusion's {@code sample_euler} without churn: x ← x + (x − D)/σ · (σ_next − σ). Karras et al.
 * (2022), algorithm 2 with S_churn = 0.
 */
final class EulerSampler extends KDiffusionSampler {

  EulerSampler(SamplerSettings settings, DiscreteSchedule schedule, SigmaSchedule sigmaSchedule) {
    super(SamplerType.EULER, settings, schedule, sigmaSchedule);
  }

  @Override
  Run start(SamplingPlan plan, NoiseSource noise, StepArrays arrays) {
    List<Double> sigmas = plan.sigmas();
    return (index, x, input, denoised, step) -> {
      double sigma = sigmas.get(index);
      double next = sigmas.get(index + 1);
      return x.add(x.sub(denoised).div(sigma).mul(next - sigma));
    };
  }
}
