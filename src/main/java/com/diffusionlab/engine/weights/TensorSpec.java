package com.diffusionlab.engine.weights;

import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/** A tensor to be written by {@link SafetensorsWriter}: its name, element type and shape. */
public record TensorSpec(String name, SafetensorsDtype dtype, long[] shape) {

  /**
   * @throws IllegalArgumentException for a blank or reserved name, a missing dtype, or a shape with
   *     a negative dimension or too many bytes
   */
  public TensorSpec {
    if (name == null || name.isEmpty() || name.equals(SafetensorsHeader.METADATA_KEY)) {
      throw new IllegalArgumentException(
          "tensor name must be non-empty and not " + SafetensorsHeader.METADATA_KEY + ": " + name);
    }
    if (dtype == null) {
      throw new IllegalArgumentException("tensor '" + name + "' needs a dtype");
    }
    if (shape == null) {
      throw new IllegalArgumentException("tensor '" + name + "' needs a shape");
    }
    shape = shape.clone();
    ShapeMath.byteSize(shape, dtype);
  }

  /** The dimensions (a copy). */
  @Override
  public long[] shape() {
    return shape.clone();
  }

  /** The shape as DJL spells it. */
  public Shape djlShape() {
    return new Shape(shape);
  }

  /** The product of the dimensions; 1 for a scalar. */
  public long elementCount() {
    return ShapeMath.elementCount(shape);
  }

  /** Bytes of the tensor's data. */
  public long byteSize() {
    return ShapeMath.byteSize(shape, dtype);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TensorSpec that
        && name.equals(that.name)
        && dtype == that.dtype
        && Arrays.equals(shape, that.shape);
  }

  @Override
  public int hashCode() {
    return 31 * name.hashCode() + Arrays.hashCode(shape);
  }

  @Override
  public String toString() {
    return name + " " + dtype + Arrays.toString(shape);
  }
}
