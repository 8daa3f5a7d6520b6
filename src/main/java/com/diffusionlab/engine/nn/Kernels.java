package com.diffusionlab.engine.nn;

import ai.djl.ndarray.NDArray;

/**
 * The two operations of a diffusion network that DJL's API lacks: group normalisation and scaled
 * dot-product attention. Implementations differ in speed, not in results (within float rounding).
 */
public interface Kernels extends AutoCloseable {

  /** {@code torch.group_norm(x, groups, weight, bias, eps)} over {@code (N, C, ...)}. */
  NDArray groupNorm(NDArray x, int groups, NDArray weight, NDArray bias, float eps);

  /** {@code silu(group_norm(...))}, the pair that opens every ResNet block. */
  NDArray groupNormSilu(NDArray x, int groups, NDArray weight, NDArray bias, float eps);

  /**
   * {@code softmax(q kᵀ / sqrt(d)) v} for {@code (batch, heads, tokens, d)} inputs, with an
   * optional additive mask broadcastable to {@code (batch, heads, tokens_q, tokens_k)}.
   */
  NDArray attention(NDArray q, NDArray k, NDArray v, NDArray mask);

  /** A short name for benchmarks and logs. */
  String name();

  @Override
  void close();
}
