package com.diffusionlab.engine.nn;

import ai.djl.ndarray.NDArray;

/** A 2-D convolution with square kernel, stride and symmetric padding. */
public final class Conv2d {
  private final Kernels kernels;
  private final NDArray weight;
  private final NDArray bias;
  private final int stride;
  private final int padding;

  public Conv2d(Params params, long in, long out, int kernel, int stride, int padding) {
    this.kernels = params.kernels();
    this.weight =
        kernels.convolutionWeight(params.get("weight", out, in, kernel, kernel), stride, padding);
    this.bias = params.get("bias", out);
    this.stride = stride;
    this.padding = padding;
  }

  /** A 3×3 convolution that keeps the spatial size. */
  public static Conv2d same3x3(Params params, long in, long out) {
    return new Conv2d(params, in, out, 3, 1, 1);
  }

  /** A 1×1 convolution: a per-pixel linear map. */
  public static Conv2d pointwise(Params params, long in, long out) {
    return new Conv2d(params, in, out, 1, 1, 0);
  }

  public NDArray forward(NDArray x) {
    return kernels.conv2d(x, weight, bias, stride, padding);
  }
}
