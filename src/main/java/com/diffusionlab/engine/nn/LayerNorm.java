package com.diffusionlab.engine.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** Layer normalisation over the last axis. */
public final class LayerNorm {
  private final NDArray weight;
  private final NDArray bias;
  private final Shape normalized;
  private final float eps;

  public LayerNorm(Params params, long dim, float eps) {
    this.weight = params.get("weight", dim);
    this.bias = params.get("bias", dim);
    this.normalized = new Shape(dim);
    this.eps = eps;
  }

  public NDArray forward(NDArray x) {
    return x.getNDArrayInternal().layerNorm(x, normalized, weight, bias, eps).singletonOrThrow();
  }
}
