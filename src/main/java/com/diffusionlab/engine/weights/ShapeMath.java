package com.diffusionlab.engine.weights;

import java.util.Arrays;

/** Element and byte counts of tensor shapes, refusing negative dimensions and overflow. */
final class ShapeMath {
  private ShapeMath() {}

  /**
   * @throws IllegalArgumentException if a dimension is negative or the product exceeds a long
   */
  static long elementCount(long[] shape) {
    long count = 1;
    for (long dim : shape) {
      if (dim < 0) {
        throw new IllegalArgumentException(
            "shape " + Arrays.toString(shape) + " has a negative dimension " + dim);
      }
      try {
        count = Math.multiplyExact(count, dim);
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException(
            "shape " + Arrays.toString(shape) + " has more elements than a long can count", e);
      }
    }
    return count;
  }

  /**
   * @throws IllegalArgumentException as {@link #elementCount} does, or if the bytes overflow a long
   */
  static long byteSize(long[] shape, SafetensorsDtype dtype) {
    try {
      return Math.multiplyExact(elementCount(shape), dtype.byteSize());
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "shape " + Arrays.toString(shape) + " of " + dtype + " has more bytes than a long counts",
          e);
    }
  }
}
