package com.diffusionlab.engine.nn;

import ai.djl.ndarray.NDArray;

/** {@code y = x Wᵀ + b} over the last axis. */
public final class Linear {
  private final Kernels kernels;
  private final NDArray weight;
  private final NDArray bias;

  public Linear(Params params, long in, long out, boolean bias) {
    this.kernels = params.kernels();
    this.weight = params.get("weight", out, in);
    this.bias = bias ? params.get("bias", out) : null;
  }

  public NDArray forward(NDArray x) {
    return kernels.linear(x, weight, bias);
  }
}
