package com.diffusionlab.engine.sampling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.diffusionlab.engine.noise.NoiseSource;
import java.util.List;

/**
 * k-diffusion's {@code sample_dpmpp_2m}, DPM-Solver++(2M) of Lu et al. (2022) in t = −log σ: with h
 * = t_next − t, x ← (σ_next/σ)·x − expm1(−h)·D', where D' = D for the first step and the step to σ
 * = 0, else D' = (1 + 1/(2r))·D − 1/(2r)·D_previous with r = h_previous/h.
 */
final class DpmPp2mSampler extends KDiffusionSampler {

  DpmPp2mSampler(SamplerSettings settings, DiscreteSchedule schedule, SigmaSchedule sigmaSchedule) {
    super(SamplerType.DPMPP_2M, settings, schedule, sigmaSchedule);
  }

  @Override
  Run start(SamplingPlan plan, NoiseSource noise, StepArrays arrays) {
    return new Run() {
      private final List<Double> sigmas = plan.sigmas();
      private NDArray previousDenoised;

      @Override
      public NDArray next(int index, NDArray x, NDArray input, NDArray denoised, NDManager step) {
        double sigma = sigmas.get(index);
        double next = sigmas.get(index + 1);
        NDArray result;
        if (next == 0) {
          // the limit of the update as t_next → ∞
          result = denoised.duplicate();
        } else {
          double t = -Math.log(sigma);
          double h = -Math.log(next) - t;
          NDArray estimate = denoised;
          if (previousDenoised != null) {
            double r = (t + Math.log(sigmas.get(index - 1))) / h;
            estimate = denoised.mul(1 + 1 / (2 * r)).sub(previousDenoised.mul(1 / (2 * r)));
          }
          result = x.mul(next / sigma).add(estimate.mul(-Math.expm1(-h)));
        }
        arrays.release(previousDenoised);
        previousDenoised = arrays.keep(denoised);
        return result;
      }
    };
  }
}
