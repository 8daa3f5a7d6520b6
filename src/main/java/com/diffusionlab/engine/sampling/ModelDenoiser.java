package com.diffusionlab.engine.sampling;

import ai.djl.ndarray.NDArray;
import java.util.Objects;

/**
 * D(x; σ) of a discrete-time ε- or v-prediction network, as k-diffusion's {@code
 * DiscreteEpsDDPMDenoiser} and {@code DiscreteVDDPMDenoiser} (σ_data = 1): the network sees x·c_in
 * with c_in = 1/√(σ²+1) at timestep t = {@link DiscreteSchedule#sigmaToT}(σ), and
 *
 * <ul>
 *   <li>ε: D = x − σ·ε̂
 *   <li>v: D = x·c_skip + v̂·c_out with c_skip = 1/(σ²+1), c_out = −σ/√(σ²+1)
 * </ul>
 *
 * Build it with the schedule of the sampler that will call it ({@link Sampler#schedule()}), so that
 * the sampler's table noise levels map to integer timesteps exactly.
 */
public final class ModelDenoiser implements Denoiser {
  private final DiscreteSchedule schedule;
  private final PredictionType predictionType;
  private final NoisePredictor predictor;

  public ModelDenoiser(
      DiscreteSchedule schedule, PredictionType predictionType, NoisePredictor predictor) {
    this.schedule = Objects.requireNonNull(schedule, "schedule");
    this.predictionType = Objects.requireNonNull(predictionType, "predictionType");
    this.predictor = Objects.requireNonNull(predictor, "predictor");
  }

  @Override
  public NDArray denoise(NDArray x, double sigma) {
    double variance = sigma * sigma + 1;
    double timestep = schedule.sigmaToT(sigma);
    try (NDArray scaled = x.mul(1 / Math.sqrt(variance));
        NDArray output = predictor.predict(scaled, timestep)) {
      return switch (predictionType) {
        case EPSILON -> {
          try (NDArray noise = output.mul(sigma)) {
            yield x.sub(noise);
          }
        }
        case V_PREDICTION -> {
          try (NDArray skip = x.mul(1 / variance);
              NDArray out = output.mul(-sigma / Math.sqrt(variance))) {
            yield skip.add(out);
          }
        }
      };
    }
  }
}
