package com.diffusionlab.engine.sampling;

/**
 * A sampler as a user names it; {@link SamplerFactory} validates it and resolves aliases.
 *
 * @param name a sampler name ({@code euler}, {@code euler_a}, {@code dpmpp_2m}, {@code ddim},
 *     {@code pndm}), the alias {@code dpmpp_2m_karras}, or an AUTOMATIC1111 display name
 * @param schedule {@code normal} or {@code karras}; null for the sampler's default
 * @param eta DDIM's η in [0, 1] (0 deterministic, 1 DDPM-like); the other samplers do not use it
 *     (Euler a always uses η = 1, as AUTOMATIC1111 and ComfyUI do by default)
 */
public record SamplerSettings(String name, String schedule, double eta) {

  /** A sampler with its default schedule and η = 0. */
  public static SamplerSettings of(String name) {
    return new SamplerSettings(name, null, 0);
  }
}
