package com.diffusionlab.engine.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * The compute primitives of the networks. Linear layers and convolutions come from DJL; group
 * normalisation and scaled dot-product attention, which DJL's API lacks, differ by implementation
 * in speed, not in results (within float rounding). Routing every heavy operation through here is
 * also what lets a benchmark count the floating-point work of a real forward pass.
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

  /** {@code x Wᵀ + b} over the last axis; {@code bias} may be null. */
  default NDArray linear(NDArray x, NDArray weight, NDArray bias) {
    return x.getNDArrayInternal().linear(x, weight, bias).singletonOrThrow();
  }

  /**
   * The form of a convolution layer's weight that {@link #conv2d} runs fastest with, called once
   * when the layer is built. Kernels that change the form take ownership of {@code weight}: they
   * may close it, so that a model holds each weight once. {@code weight} may be null (a network
   * built for its shapes only).
   */
  default NDArray convolutionWeight(NDArray weight, int stride, int padding) {
    return weight;
  }

  /**
   * A 2-D convolution with square stride and symmetric padding; {@code weight} as {@link
   * #convolutionWeight} returned it.
   */
  default NDArray conv2d(NDArray x, NDArray weight, NDArray bias, int stride, int padding) {
    return x.getNDArrayInternal()
        .convolution(
            x,
            weight,
            bias,
            new Shape(stride, stride),
            new Shape(padding, padding),
            new Shape(1, 1),
            1)
        .singletonOrThrow();
  }

  /** A short name for benchmarks and logs. */
  String name();

  @Override
  void close();
}
