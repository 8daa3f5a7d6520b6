package com.diffusionlab.engine.nn;

import ai.djl.ndarray.NDArray;

/**
 * diffusers' {@code ResnetBlock2D}: two normalised 3×3 convolutions with a residual connection, the
 * UNet's variant adding a projected time embedding between them.
 */
public final class ResnetBlock {
  private final GroupNorm norm1;
  private final Conv2d conv1;
  private final Linear timeProjection;
  private final GroupNorm norm2;
  private final Conv2d conv2;
  private final Conv2d shortcut;

  /**
   * @param timeEmbedding width of the time embedding, or 0 for the VAE's blocks that have none
   */
  public ResnetBlock(Params params, long in, long out, long timeEmbedding, int groups, float eps) {
    norm1 = new GroupNorm(params.child("norm1"), groups, in, eps);
    conv1 = Conv2d.same3x3(params.child("conv1"), in, out);
    timeProjection =
        timeEmbedding > 0
            ? new Linear(params.child("time_emb_proj"), timeEmbedding, out, true)
            : null;
    norm2 = new GroupNorm(params.child("norm2"), groups, out, eps);
    conv2 = Conv2d.same3x3(params.child("conv2"), out, out);
    shortcut = in != out ? Conv2d.pointwise(params.child("conv_shortcut"), in, out) : null;
  }

  /**
   * @param activatedTime {@code silu(time embedding)} of shape {@code (batch, width)}, computed
   *     once per network call; null for blocks without time embedding
   */
  public NDArray forward(NDArray x, NDArray activatedTime) {
    return Scoped.run(x, () -> compute(x, activatedTime), x, activatedTime);
  }

  /**
   * {@link #forward} for a caller that hands {@code x} over: it is closed as soon as the block no
   * longer needs it. With a shortcut convolution that is before the main path runs, so the block's
   * input and its normalised copy never coexist with the path's convolution: in a VAE decoder at
   * 512×512 they are a quarter gigabyte each. The result is bit-identical to {@link #forward}.
   */
  public NDArray forwardConsuming(NDArray x, NDArray activatedTime) {
    if (shortcut == null) {
      try (x) {
        return forward(x, activatedTime);
      }
    }
    return Scoped.run(
        x,
        () -> {
          NDArray skip = shortcut.forward(x);
          NDArray normed;
          try (x) {
            normed = norm1.forwardSilu(x);
          }
          try (NDArray residual = residual(normed, activatedTime)) {
            return skip.addi(residual);
          }
        },
        x,
        activatedTime);
  }

  private NDArray compute(NDArray x, NDArray activatedTime) {
    NDArray residual = residual(norm1.forwardSilu(x), activatedTime);
    // in place: one array of the block's output size fewer at the peak (addition commutes
    // bit-exactly, and neither operand is needed by the backward pass)
    if (shortcut == null) {
      return residual.addi(x);
    }
    try (residual) {
      return shortcut.forward(x).addi(residual);
    }
  }

  /**
   * The main path after the first normalisation, whose output it takes over; frees each
   * intermediate as soon as it is used: at 512×512 one is a quarter gigabyte.
   */
  private NDArray residual(NDArray normed, NDArray activatedTime) {
    NDArray h;
    try (normed) {
      h = conv1.forward(normed);
    }
    if (timeProjection != null) {
      try (NDArray convolved = h;
          NDArray projected = timeProjection.forward(activatedTime)) {
        h = convolved.add(projected.reshape(projected.getShape().add(1, 1)));
      }
    }
    try (NDArray first = h;
        NDArray second = norm2.forwardSilu(first)) {
      return conv2.forward(second);
    }
  }
}
