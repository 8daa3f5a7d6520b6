package com.diffusionlab.engine;

/**
 * What a model's card recommends generating with, each null when it says nothing: the defaults a
 * workspace and the command line use for that model before their own configured ones. Read from the
 * YAML front matter of a diffusers folder's {@code README.md}, where Hugging Face model cards keep
 * {@code inference.parameters} ({@code guidance_scale}, {@code num_inference_steps}, {@code width},
 * {@code height}), plus {@code sampler}, which cards do not have a standard key for.
 *
 * @param sampler a canonical sampler name
 */
public record RecommendedSettings(
    Double cfg, Integer steps, String sampler, Integer width, Integer height) {

  /** A model whose card recommends nothing. */
  public static final RecommendedSettings NONE =
      new RecommendedSettings(null, null, null, null, null);
}
