package com.diffusionlab.engine.sampling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.diffusionlab.engine.noise.NoiseSource;

/** A deterministic stand-in for a noise source: every draw is filled with one constant. */
final class FixedNoise implements NoiseSource {
  private final float value;
  int draws;

  FixedNoise(double value) {
    this.value = (float) value;
  }

  @Override
  public NDArray next(NDManager manager, Shape shape) {
    draws++;
    return manager.full(shape, value);
  }
}
