package com.diffusionlab.engine.sampling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.diffusionlab.engine.noise.NoiseSource;
import java.util.ArrayList;
import java.util.List;

/**
 * diffusers' PNDMScheduler with {@code skip_prk_steps} (Stable Diffusion's setting), i.e. the PLMS
 * sampler of Liu et al. (2022) as in latent-diffusion: linear multistep over the network outputs
 * (ε, or v for v-prediction models, combined before conversion exactly as diffusers does) with the
 * transfer x_t' = √(ᾱ_t'/ᾱ_t)·x_t − (ᾱ_t' − ᾱ_t)·ε / (ᾱ_t·√(1−ᾱ_t') + √(ᾱ_t(1−ᾱ_t)ᾱ_t')). The first
 * step is taken twice: once with ε_t to reach t', then again from x_t with the mean of ε_t and ε_t'
 * (a second-order start); its timestep list therefore has one evaluation more than steps.
 */
final class PndmSampler extends DiffusersSampler {
  /** The fourth-order combination uses the three outputs before the newest. */
  private static final int PREVIOUS_OUTPUTS = 3;

  PndmSampler(SamplerSettings settings, DiscreteSchedule schedule, SchedulerConfig config) {
    super(SamplerType.PNDM, settings, schedule, config);
  }

  @Override
  int[] evaluationTimesteps(int[] descending) {
    // diffusers: the second timestep is repeated; a single step stays single
    int steps = descending.length;
    if (steps == 1) {
      return descending;
    }
    int[] evaluations = new int[steps + 1];
    evaluations[0] = descending[0];
    evaluations[1] = descending[1];
    System.arraycopy(descending, 1, evaluations, 2, steps - 1);
    return evaluations;
  }

  @Override
  int previousTimestep(List<Integer> timesteps, int index, int ratio) {
    return index == 1 ? timesteps.get(1) : timesteps.get(index) - ratio;
  }

  @Override
  Run start(SamplingPlan plan, NoiseSource noise, StepArrays arrays) {
    return new VpRun(plan) {
      private final List<NDArray> outputs = new ArrayList<>();
      private NDArray firstSample;

      @Override
      public NDArray next(
          int index, NDArray state, NDArray input, NDArray denoised, NDManager step) {
        int timestep = timesteps.get(index);
        NDArray output = networkOutput(index, input, denoised);
        NDArray sample = state;
        int from = timestep;
        NDArray combined;
        if (index == 1) {
          // redo the first step from its start with the mean of both outputs
          sample = firstSample;
          from = timestep + ratio;
          combined = output.add(outputs.get(0)).div(2);
        } else {
          List<NDArray> history = new ArrayList<>(outputs);
          history.add(output);
          combined = multistep(history);
        }
        NDArray result =
            transfer(sample, from, previousTimestep(timesteps, index, ratio), combined);
        if (index == 0) {
          firstSample = arrays.keep(state);
        } else if (index == 1) {
          arrays.release(firstSample);
          firstSample = null;
        }
        // diffusers keeps no output of the redone first step
        if (index != 1) {
          outputs.add(arrays.keep(output));
          if (outputs.size() > PREVIOUS_OUTPUTS) {
            arrays.release(outputs.remove(0));
          }
        }
        return result;
      }

      /** What the network gave: ε, or v = √ᾱ·ε − √(1−ᾱ)·x̂₀. */
      private NDArray networkOutput(int index, NDArray input, NDArray denoised) {
        NDArray epsilon = epsilon(index, input, denoised);
        if (config.predictionType() == PredictionType.EPSILON) {
          return epsilon;
        }
        double alpha = alphaCumprod(timesteps.get(index));
        return epsilon.mul(Math.sqrt(alpha)).sub(denoised.mul(Math.sqrt(1 - alpha)));
      }

      /** diffusers' _get_prev_sample: PNDM's formula (9), v converted to ε against the sample. */
      private NDArray transfer(NDArray sample, int from, int to, NDArray output) {
        double alpha = alphaCumprod(from);
        double alphaTo = alphaCumprod(to);
        NDArray epsilon = output;
        if (config.predictionType() == PredictionType.V_PREDICTION) {
          epsilon = output.mul(Math.sqrt(alpha)).add(sample.mul(Math.sqrt(1 - alpha)));
        }
        double denominator =
            alpha * Math.sqrt(1 - alphaTo) + Math.sqrt(alpha * (1 - alpha) * alphaTo);
        return sample
            .mul(Math.sqrt(alphaTo / alpha))
            .sub(epsilon.mul((alphaTo - alpha) / denominator));
      }
    };
  }

  /** The Adams–Bashforth combination of the latest outputs, newest last, of order up to 4. */
  private static NDArray multistep(List<NDArray> history) {
    int n = history.size();
    NDArray e1 = history.get(n - 1);
    return switch (n) {
      case 1 -> e1;
      case 2 -> e1.mul(3).sub(history.get(0)).div(2);
      case 3 -> e1.mul(23).sub(history.get(1).mul(16)).add(history.get(0).mul(5)).div(12);
      default ->
          e1.mul(55)
              .sub(history.get(2).mul(59))
              .add(history.get(1).mul(37))
              .sub(history.get(0).mul(9))
              .div(24);
    };
  }
}
