package com.diffusionlab.engine.weights;

import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/**
 * One tensor of a safetensors file as its header declares it. {@code begin} and {@code end} are the
 * header's {@code data_offsets}: byte offsets relative to the start of the data region.
 */
public record TensorInfo(String name, SafetensorsDtype dtype, long[] shape, long begin, long end) {

  public TensorInfo {
    shape = shape.clone();
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

  /** The bytes the tensor occupies in the file: {@code end - begin}. */
  public long byteSize() {
    return end - begin;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TensorInfo that
        && name.equals(that.name)
        && dtype == that.dtype
        && Arrays.equals(shape, that.shape)
        && begin == that.begin
        && end == that.end;
  }

  @Override
  public int hashCode() {
    return 31 * (31 * name.hashCode() + Arrays.hashCode(shape)) + Long.hashCode(begin);
  }

  @Override
  public String toString() {
    return name + " " + dtype + Arrays.toString(shape) + " @[" + begin + ", " + end + ")";
  }
}
