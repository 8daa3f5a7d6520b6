package com.diffusionlab.scheduling.internal;

import com.diffusionlab.engine.GenerationShape;

/**
 * A configuration whose runs take alike: a model version on a device class at a size, batch,
 * sampler, with or without guidance, from noise or from an image. The steps are not part of it: its
 * runs are fitted against them.
 */
record ConfigKey(
    String modelHash,
    String device,
    int width,
    int height,
    int batch,
    String sampler,
    boolean guided,
    boolean imageInput) {

  static ConfigKey of(String modelHash, String device, GenerationShape shape) {
    return new ConfigKey(
        modelHash,
        device,
        shape.width(),
        shape.height(),
        shape.batch(),
        shape.sampler().name(),
        shape.guided(),
        shape.imageInput());
  }

  /** {@code 64×64 · batch 1 · euler · cfg}, for people. */
  String describe() {
    return width
        + "×"
        + height
        + " · batch "
        + batch
        + " · "
        + sampler
        + (guided ? " · guided" : " · cfg 1")
        + (imageInput ? " · img2img" : "");
  }
}
