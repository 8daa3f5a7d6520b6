package com.diffusionlab.engine.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Kernels that compute nothing: each returns zeros of the shape the real kernel would. Under {@link
 * CountingKernels} a network's forward pass then costs only its cheap element-wise operations,
 * while the count of its heavy work is exact.
 */
public final class DryKernels implements Kernels {

  @Override
  public NDArray groupNorm(NDArray x, int groups, NDArray weight, NDArray bias, float eps) {
    return zeros(x, x.getShape());
  }

  @Override
  public NDArray groupNormSilu(NDArray x, int groups, NDArray weight, NDArray bias, float eps) {
    return zeros(x, x.getShape());
  }

  @Override
  public NDArray attention(NDArray q, NDArray k, NDArray v, NDArray mask) {
    Shape shape = q.getShape();
    return zeros(q, new Shape(shape.get(0), shape.get(1), shape.get(2), v.getShape().get(3)));
  }

  @Override
  public NDArray linear(NDArray x, NDArray weight, NDArray bias) {
    long[] shape = x.getShape().getShape().clone();
    shape[shape.length - 1] = weight.getShape().get(0);
    return zeros(x, new Shape(shape));
  }

  @Override
  public NDArray conv2d(NDArray x, NDArray weight, NDArray bias, int stride, int padding) {
    Shape in = x.getShape();
    Shape w = weight.getShape();
    return zeros(
        x,
        new Shape(
            in.get(0),
            w.get(0),
            (in.get(2) + 2L * padding - w.get(2)) / stride + 1,
            (in.get(3) + 2L * padding - w.get(3)) / stride + 1));
  }

  private static NDArray zeros(NDArray like, Shape shape) {
    return like.getManager().zeros(shape, like.getDataType());
  }

  @Override
  public String name() {
    return "dry";
  }

  @Override
  public void close() {}
}
