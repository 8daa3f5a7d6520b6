package com.diffusionlab.engine.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.types.Shape;
import java.util.function.DoubleUnaryOperator;

/** A small batch of latents with varied values, and element-wise expectations on it. */
final class Latents {
  static final float[] VALUES = {-1.5f, -0.5f, 0f, 0.25f, 0.5f, 1f, 2f, 3f};
  static final Shape SHAPE = new Shape(2, 1, 2, 2);

  private Latents() {}

  static float[] times(double factor) {
    float[] scaled = new float[VALUES.length];
    for (int i = 0; i < VALUES.length; i++) {
      scaled[i] = (float) (VALUES[i] * factor);
    }
    return scaled;
  }

  /** Asserts that each element of {@code actual} is {@code expected} of the start value. */
  static void assertEach(float[] actual, DoubleUnaryOperator expected) {
    assertThat(actual).hasSize(VALUES.length);
    for (int i = 0; i < VALUES.length; i++) {
      assertThat((double) actual[i])
          .as("element %d (start %s)", i, VALUES[i])
          .isCloseTo(expected.applyAsDouble(VALUES[i]), within(2e-5));
    }
  }
}
