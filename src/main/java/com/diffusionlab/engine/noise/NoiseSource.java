package com.diffusionlab.engine.noise;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Noise for a whole batch of latents, shape {@code (batch, channels, height, width)}: one {@link
 * NoiseGenerator} per image so that image {@code i} of a batch equals the same seed run alone.
 */
public interface NoiseSource {

  NDArray next(NDManager manager, Shape shape);
}
