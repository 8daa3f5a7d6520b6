package com.diffusionlab.engine.noise;

import java.util.Arrays;

/** Element counts of tensor shapes requested from the noise generators. */
final class Shapes {
  /** Java arrays cannot hold more elements than this on common JVMs. */
  static final int MAX_ELEMENTS = Integer.MAX_VALUE - 8;

  private Shapes() {}

  /**
   * The number of elements of {@code shape}; the empty shape is a scalar (one element), as in
   * torch.
   */
  static int elementCount(long... shape) {
    if (shape == null) {
      throw new IllegalArgumentException("shape must not be null");
    }
    long count = 1;
    for (long dim : shape) {
      if (dim < 0) {
        throw new IllegalArgumentException(
            "shape " + Arrays.toString(shape) + " has a negative dimension " + dim);
      }
      count *= dim;
      if (count > MAX_ELEMENTS) {
        throw new IllegalArgumentException(
            "shape "
                + Arrays.toString(shape)
                + " has more than "
                + MAX_ELEMENTS
                + " elements, which one float array cannot hold");
      }
    }
    return (int) count;
  }
}
