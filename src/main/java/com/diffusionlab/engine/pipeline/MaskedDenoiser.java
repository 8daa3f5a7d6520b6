package com.diffusionlab.engine.pipeline;

import ai.djl.ndarray.NDArray;
import com.diffusionlab.engine.sampling.Denoiser;

/**
 * Inpainting with an ordinary (4-channel) model, as AUTOMATIC1111 does: after every step the x₀
 * estimate keeps the original latent outside the mask, so only the masked region is generated.
 */
final class MaskedDenoiser implements Denoiser {

  private final Denoiser inner;

  /** 1 where the image is repainted, 0 where it is kept; {@code (1, 1, h, w)}. */
  private final NDArray repaint;

  /** The original latent times (1 − repaint), computed once. */
  private final NDArray kept;

  MaskedDenoiser(Denoiser inner, NDArray repaint, NDArray kept) {
    this.inner = inner;
    this.repaint = repaint;
    this.kept = kept;
  }

  @Override
  public NDArray denoise(NDArray x, double sigma) {
    try (NDArray denoised = inner.denoise(x, sigma);
        NDArray generated = denoised.mul(repaint)) {
      return generated.add(kept);
    }
  }
}
