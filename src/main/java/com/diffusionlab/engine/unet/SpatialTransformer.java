package com.diffusionlab.engine.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import com.diffusionlab.engine.nn.Activations;
import com.diffusionlab.engine.nn.Conv2d;
import com.diffusionlab.engine.nn.GroupNorm;
import com.diffusionlab.engine.nn.LayerNorm;
import com.diffusionlab.engine.nn.Linear;
import com.diffusionlab.engine.nn.MultiHeadAttention;
import com.diffusionlab.engine.nn.Params;
import com.diffusionlab.engine.nn.Scoped;
import java.util.ArrayList;
import java.util.List;

/**
 * diffusers' {@code Transformer2DModel} for continuous inputs: group norm, a projection in,
 * transformer blocks with self-attention, cross-attention on the text and a GEGLU feed-forward, a
 * projection out and a residual. The projections are 1×1 convolutions in SD 1.x and linear layers
 * in SD 2.x.
 */
final class SpatialTransformer {
  private final GroupNorm norm;
  private final Projection projectIn;
  private final Projection projectOut;
  private final boolean linear;
  private final List<TransformerBlock> blocks = new ArrayList<>();

  SpatialTransformer(
      Params params,
      long channels,
      int heads,
      int layers,
      long contextDim,
      int groups,
      boolean linearProjection) {
    norm = new GroupNorm(params.child("norm"), groups, channels, 1e-6f);
    linear = linearProjection;
    projectIn = new Projection(params.child("proj_in"), channels, linearProjection);
    projectOut = new Projection(params.child("proj_out"), channels, linearProjection);
    for (int i = 0; i < layers; i++) {
      blocks.add(
          new TransformerBlock(params.child("transformer_blocks", i), channels, heads, contextDim));
    }
  }

  NDArray forward(NDArray x, NDArray context) {
    return Scoped.run(x, () -> compute(x, context), x, context);
  }

  private NDArray compute(NDArray x, NDArray context) {
    Shape shape = x.getShape();
    long batch = shape.get(0);
    long channels = shape.get(1);
    NDArray h = norm.forward(x);
    if (!linear) {
      h = projectIn.forward(h);
    }
    h = h.transpose(0, 2, 3, 1).reshape(batch, -1, channels);
    if (linear) {
      h = projectIn.forward(h);
    }
    for (TransformerBlock block : blocks) {
      h = block.forward(h, context);
    }
    if (linear) {
      h = projectOut.forward(h);
    }
    h = h.reshape(batch, shape.get(2), shape.get(3), channels).transpose(0, 3, 1, 2);
    if (!linear) {
      h = projectOut.forward(h);
    }
    return h.add(x);
  }

  /** A channel-mixing projection: a linear layer on tokens, or a 1×1 convolution on maps. */
  private record Projection(Linear linear, Conv2d conv) {
    Projection(Params params, long channels, boolean linear) {
      this(
          linear ? new Linear(params, channels, channels, true) : null,
          linear ? null : Conv2d.pointwise(params, channels, channels));
    }

    NDArray forward(NDArray x) {
      return linear != null ? linear.forward(x) : conv.forward(x);
    }
  }

  /** diffusers' {@code BasicTransformerBlock}. */
  private static final class TransformerBlock {
    private final LayerNorm norm1;
    private final MultiHeadAttention selfAttention;
    private final LayerNorm norm2;
    private final MultiHeadAttention crossAttention;
    private final LayerNorm norm3;
    private final Linear gegluProjection;
    private final Linear feedForwardOut;

    TransformerBlock(Params params, long dim, int heads, long contextDim) {
      long headDim = dim / heads;
      norm1 = new LayerNorm(params.child("norm1"), dim, 1e-5f);
      selfAttention = MultiHeadAttention.diffusers(params.child("attn1"), dim, dim, heads, headDim);
      norm2 = new LayerNorm(params.child("norm2"), dim, 1e-5f);
      crossAttention =
          MultiHeadAttention.diffusers(params.child("attn2"), dim, contextDim, heads, headDim);
      norm3 = new LayerNorm(params.child("norm3"), dim, 1e-5f);
      Params net = params.child("ff").child("net");
      long inner = dim * 4;
      gegluProjection = new Linear(net.child("0").child("proj"), dim, inner * 2, true);
      feedForwardOut = new Linear(net.child("2"), inner, dim, true);
    }

    NDArray forward(NDArray x, NDArray context) {
      return Scoped.run(x, () -> compute(x, context), x, context);
    }

    private NDArray compute(NDArray x, NDArray context) {
      NDArray normed = norm1.forward(x);
      x = x.add(selfAttention.forward(normed, normed, null));
      x = x.add(crossAttention.forward(norm2.forward(x), context, null));
      return x.add(feedForward(norm3.forward(x)));
    }

    private NDArray feedForward(NDArray x) {
      var halves = gegluProjection.forward(x).split(2, 2);
      return feedForwardOut.forward(halves.get(0).mul(Activations.gelu(halves.get(1))));
    }
  }
}
