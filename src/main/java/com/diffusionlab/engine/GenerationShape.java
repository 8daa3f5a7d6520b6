package com.diffusionlab.engine;

import com.diffusionlab.engine.sampling.SamplerSettings;

/**
 * What decides how much work a generation is, apart from the model: no prompt, seed or pixels.
 *
 * @param strength the share of the schedule that runs, 1 for txt2img
 * @param imageInput whether an init image is encoded first (img2img, inpainting)
 */
public record GenerationShape(
    int width,
    int height,
    int batch,
    int steps,
    double cfg,
    SamplerSettings sampler,
    double strength,
    boolean imageInput) {

  public static GenerationShape of(GenerationRequest request) {
    return new GenerationShape(
        request.width(),
        request.height(),
        request.batch(),
        request.steps(),
        request.cfg(),
        request.sampler(),
        request.effectiveStrength(),
        request.imageToImage());
  }

  /** Whether each step also runs the unconditional pass (cfg 1 skips it). */
  public boolean guided() {
    return cfg != 1;
  }
}
