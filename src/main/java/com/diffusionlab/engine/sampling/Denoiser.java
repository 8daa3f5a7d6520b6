package com.diffusionlab.engine.sampling;

import ai.djl.ndarray.NDArray;

/**
 * k-diffusion's denoiser D(x; σ): the estimate of the clean latent x₀ from a latent x = x₀ + σ·ε.
 * The pipeline's implementation wraps the network (see {@link ModelDenoiser}) and does
 * classifier-free guidance and inpainting blending itself.
 */
@FunctionalInterface
public interface Denoiser {

  /**
   * Estimates x₀.
   *
   * @param x the noisy latent, batch first; the denoiser must neither modify nor close it
   * @param sigma the noise level of {@code x}, positive
   * @return a new array of the shape of {@code x}; the caller owns it (the samplers attach it to
   *     their per-step manager and close it)
   */
  NDArray denoise(NDArray x, double sigma);
}
