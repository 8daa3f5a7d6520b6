package com.diffusionlab.engine.sampling;

/**
 * The arithmetic the beta schedule is computed in. The reference implementations differ: diffusers
 * computes betas and alphas in float32, CompVis' latent-diffusion code (which AUTOMATIC1111 and
 * ComfyUI use) in float64. Both keep the cumulative product ᾱ as float32, so a schedule keeps ᾱ
 * rounded to float32 either way. The two differ by up to 9·10⁻⁶ relative in σ (about 0.003 in the
 * timestep given to the network): far below what changes an image, but enough to keep the numbers
 * from being identical, so each sampler uses the precision of the implementation it reproduces.
 */
public enum BetaPrecision {
  /** diffusers: {@code torch.linspace(…, dtype=float32)}, alphas in float32. */
  FLOAT32,
  /** CompVis latent-diffusion, AUTOMATIC1111, ComfyUI: betas and alphas in float64. */
  FLOAT64;

  double round(double value) {
    return this == FLOAT32 ? (float) value : value;
  }
}
