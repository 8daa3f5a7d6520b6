package com.diffusionlab.engine.nn;

import ai.djl.ndarray.NDArray;

/** Group normalisation with a per-channel affine, optionally followed by SiLU. */
public final class GroupNorm {
  private final Kernels kernels;
  private final int groups;
  private final float eps;
  private final NDArray weight;
  private final NDArray bias;

  public GroupNorm(Params params, int groups, long channels, float eps) {
    if (channels % groups != 0) {
      throw new IllegalArgumentException(
          "norm_num_groups=" + groups + " does not divide " + channels + " channels");
    }
    this.kernels = params.kernels();
    this.groups = groups;
    this.eps = eps;
    this.weight = params.get("weight", channels);
    this.bias = params.get("bias", channels);
  }

  public NDArray forward(NDArray x) {
    return kernels.groupNorm(x, groups, weight, bias, eps);
  }

  public NDArray forwardSilu(NDArray x) {
    return kernels.groupNormSilu(x, groups, weight, bias, eps);
  }
}
