package com.diffusionlab.engine.nn;

import ai.djl.ndarray.NDArray;

/** {@code y = x Wᵀ + b} over the last axis. */
public final class Linear {
  private final NDArray weight;
  private final NDArray bias;

  public Linear(Params params, long in, long out, boolean bias) {
    this.weight = params.get("weight", out, in);
    this.bias = bias ? params.get("bias", out) : null;
  }

  public NDArray forward(NDArray x) {
    return x.getNDArrayInternal().linear(x, weight, bias).singletonOrThrow();
  }
}
