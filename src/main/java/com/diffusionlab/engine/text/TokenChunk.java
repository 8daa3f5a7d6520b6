package com.diffusionlab.engine.text;

import java.util.Arrays;
import java.util.Objects;

/**
 * One context window of a prompt: a start token, content tokens, an end token and padding, with the
 * emphasis weight of each position (1.0 for start, end and padding). Immutable: the arrays are
 * copied in and out.
 *
 * @param ids token ids, as many as the tokenizer's context length
 * @param weights one weight per id
 */
public record TokenChunk(int[] ids, float[] weights) {

  public TokenChunk {
    Objects.requireNonNull(ids, "ids");
    Objects.requireNonNull(weights, "weights");
    if (ids.length != weights.length) {
      throw new IllegalArgumentException(
          "ids and weights must have one entry per position, got "
              + ids.length
              + " ids and "
              + weights.length
              + " weights");
    }
    ids = ids.clone();
    weights = weights.clone();
  }

  @Override
  public int[] ids() {
    return ids.clone();
  }

  @Override
  public float[] weights() {
    return weights.clone();
  }

  /** Positions in the chunk: the tokenizer's context length. */
  public int length() {
    return ids.length;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TokenChunk chunk
        && Arrays.equals(ids, chunk.ids)
        && Arrays.equals(weights, chunk.weights);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(ids) + Arrays.hashCode(weights);
  }

  @Override
  public String toString() {
    return "TokenChunk[ids=" + Arrays.toString(ids) + ", weights=" + Arrays.toString(weights) + "]";
  }
}
