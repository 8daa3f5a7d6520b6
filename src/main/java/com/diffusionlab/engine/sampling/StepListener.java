package com.diffusionlab.engine.sampling;

import ai.djl.ndarray.NDArray;

/**
 * Told after every step of a sampler: for progress, previews and cancellation. To cancel, throw an
 * unchecked exception; the sampler frees its arrays and lets it propagate.
 */
@FunctionalInterface
public interface StepListener {

  /** A listener that does nothing. */
  StepListener NONE = (index, total, sigma, x, denoised) -> {};

  /**
   * Called after step {@code index}. The arrays are valid only during the call and must be neither
   * modified nor closed; {@code duplicate()} what must outlive it.
   *
   * @param index the step just done, 0-based
   * @param total the number of steps (model evaluations) of the run
   * @param sigma the noise level the step started from, at which {@code denoised} was estimated
   * @param x the latent after the step, on the k-diffusion scale (x₀ + σ_next·ε)
   * @param denoised the denoiser's estimate of x₀ in this step, on the scale the VAE decodes
   */
  void onStep(int index, int total, double sigma, NDArray x, NDArray denoised);
}
