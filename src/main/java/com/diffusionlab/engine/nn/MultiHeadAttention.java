package com.diffusionlab.engine.nn;

import ai.djl.ndarray.NDArray;

/**
 * Query/key/value projections, attention over heads and an output projection, as diffusers' {@code
 * Attention} (to_q, to_k, to_v, to_out.0) and CLIP's attention (q_proj … out_proj) do.
 */
public final class MultiHeadAttention {
  private final Kernels kernels;
  private final int heads;
  private final Linear query;
  private final Linear key;
  private final Linear value;
  private final Linear out;

  private MultiHeadAttention(
      Kernels kernels, int heads, Linear query, Linear key, Linear value, Linear out) {
    this.kernels = kernels;
    this.heads = heads;
    this.query = query;
    this.key = key;
    this.value = value;
    this.out = out;
  }

  /** diffusers naming: projections without bias, {@code to_out.0} with bias. */
  public static MultiHeadAttention diffusers(
      Params params, long queryDim, long contextDim, int heads, long headDim) {
    long inner = heads * headDim;
    return new MultiHeadAttention(
        params.kernels(),
        heads,
        new Linear(params.child("to_q"), queryDim, inner, false),
        new Linear(params.child("to_k"), contextDim, inner, false),
        new Linear(params.child("to_v"), contextDim, inner, false),
        new Linear(params.child("to_out", 0), inner, queryDim, true));
  }

  /** The VAE's single-head attention: diffusers naming, every projection with bias. */
  public static MultiHeadAttention singleHeadWithBias(Params params, long dim) {
    return new MultiHeadAttention(
        params.kernels(),
        1,
        new Linear(params.child("to_q"), dim, dim, true),
        new Linear(params.child("to_k"), dim, dim, true),
        new Linear(params.child("to_v"), dim, dim, true),
        new Linear(params.child("to_out", 0), dim, dim, true));
  }

  /** transformers' CLIP naming: {@code q_proj, k_proj, v_proj, out_proj}, all with bias. */
  public static MultiHeadAttention clip(Params params, long dim, int heads) {
    return new MultiHeadAttention(
        params.kernels(),
        heads,
        new Linear(params.child("q_proj"), dim, dim, true),
        new Linear(params.child("k_proj"), dim, dim, true),
        new Linear(params.child("v_proj"), dim, dim, true),
        new Linear(params.child("out_proj"), dim, dim, true));
  }

  /**
   * @param x {@code (batch, tokens, dim)}
   * @param context {@code (batch, contextTokens, contextDim)}, or {@code x} for self-attention
   * @param mask additive mask broadcastable to {@code (batch, heads, tokens, contextTokens)}, or
   *     null
   */
  public NDArray forward(NDArray x, NDArray context, NDArray mask) {
    NDArray q = splitHeads(query.forward(x));
    NDArray k = splitHeads(key.forward(context));
    NDArray v = splitHeads(value.forward(context));
    NDArray attended = kernels.attention(q, k, v, mask);
    long batch = x.getShape().get(0);
    long tokens = x.getShape().get(1);
    return out.forward(attended.transpose(0, 2, 1, 3).reshape(batch, tokens, -1));
  }

  private NDArray splitHeads(NDArray x) {
    long batch = x.getShape().get(0);
    long tokens = x.getShape().get(1);
    return x.reshape(batch, tokens, heads, -1).transpose(0, 2, 1, 3);
  }
}
