package com.diffusionlab.engine.sampling;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;

/**
 * The exact denoiser of data distributed as N(0, s²·I): D(x; σ) = x·s²/(s²+σ²). Its probability
 * flow ODE dx/dσ = (x − D)/σ has the solution x(σ) = x(σ₀)·√(s²+σ²)/√(s²+σ₀²). Records the noise
 * levels it is asked at.
 */
final class GaussianDenoiser implements Denoiser {
  private final double variance;
  final List<Double> sigmas = new ArrayList<>();

  GaussianDenoiser(double scale) {
    this.variance = scale * scale;
  }

  @Override
  public NDArray denoise(NDArray x, double sigma) {
    sigmas.add(sigma);
    return x.mul(variance / (variance + sigma * sigma));
  }
}
