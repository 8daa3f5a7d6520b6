package com.diffusionlab.engine.sampling;

import java.util.Map;

/**
 * A four-timestep schedule whose numbers are exact: linear β = 0.125, 0.25, 0.375, 0.5 (exact in
 * float32), so ᾱ = 0.875, 0.65625, 0.41015625, 0.205078125.
 */
final class TinySchedule {
  static final double[] ALPHAS_CUMPROD = {0.875, 0.65625, 0.41015625, 0.205078125};

  private TinySchedule() {}

  static SchedulerConfig config(PredictionType type, boolean setAlphaToOne) {
    return new SchedulerConfig(
        "DDIMScheduler",
        4,
        0.125,
        0.5,
        BetaSchedule.LINEAR,
        type,
        0,
        TimestepSpacing.LEADING,
        setAlphaToOne,
        false,
        false,
        Map.of());
  }

  static double sigma(double alphaCumprod) {
    return Math.sqrt((1 - alphaCumprod) / alphaCumprod);
  }

  /**
   * The x₀ estimate of N(0, s²) data for diffusers' x_t = √ᾱ·x₀ + √(1−ᾱ)·ε: the k-diffusion
   * denoiser x/(1+σ²)·s²/(s²+σ²)·(1+σ²) at x = x_t/√ᾱ, i.e. x_t·√ᾱ·s²/(ᾱ·s² + 1 − ᾱ).
   */
  static double x0(double xt, double alpha, double scale) {
    double s2 = scale * scale;
    return xt * Math.sqrt(alpha) * s2 / (alpha * s2 + 1 - alpha);
  }

  /** ε̂ = (x_t − √ᾱ·x̂₀)/√(1−ᾱ). */
  static double epsilon(double xt, double alpha, double scale) {
    return (xt - Math.sqrt(alpha) * x0(xt, alpha, scale)) / Math.sqrt(1 - alpha);
  }

  /** v̂ = √ᾱ·ε̂ − √(1−ᾱ)·x̂₀. */
  static double velocity(double xt, double alpha, double scale) {
    return Math.sqrt(alpha) * epsilon(xt, alpha, scale)
        - Math.sqrt(1 - alpha) * x0(xt, alpha, scale);
  }
}
