package com.diffusionlab.engine.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A prompt as token chunks for the text encoder, which encodes each chunk on its own; the pipeline
 * concatenates their outputs along the token axis.
 *
 * @param chunks at least one chunk, all of the same length
 * @param tokenCount content tokens over all chunks: start, end and padding not counted
 */
public record TokenizedPrompt(List<TokenChunk> chunks, int tokenCount) {

  public TokenizedPrompt {
    chunks = List.copyOf(chunks);
    if (chunks.isEmpty()) {
      throw new IllegalArgumentException("chunks must hold at least one chunk");
    }
    int length = chunks.getFirst().length();
    for (int i = 1; i < chunks.size(); i++) {
      if (chunks.get(i).length() != length) {
        throw new IllegalArgumentException(
            "chunks must all have one length; chunk 0 has "
                + length
                + ", chunk "
                + i
                + " has "
                + chunks.get(i).length());
      }
    }
    if (tokenCount < 0) {
      throw new IllegalArgumentException("tokenCount must not be negative, got " + tokenCount);
    }
  }

  public int chunkCount() {
    return chunks.size();
  }

  /** Positions per chunk: the tokenizer's context length. */
  public int chunkLength() {
    return chunks.getFirst().length();
  }

  /** All ids, chunk after chunk: a row-major {@code (chunkCount, chunkLength)} array. */
  public int[] flatIds() {
    int length = chunkLength();
    int[] flat = new int[chunks.size() * length];
    for (int i = 0; i < chunks.size(); i++) {
      System.arraycopy(chunks.get(i).ids(), 0, flat, i * length, length);
    }
    return flat;
  }

  /** All weights, laid out as {@link #flatIds()}. */
  public float[] flatWeights() {
    int length = chunkLength();
    float[] flat = new float[chunks.size() * length];
    for (int i = 0; i < chunks.size(); i++) {
      System.arraycopy(chunks.get(i).weights(), 0, flat, i * length, length);
    }
    return flat;
  }

  /**
   * This prompt extended with copies of {@code filler} up to {@code chunkCount} chunks; itself if
   * it has that many already.
   *
   * @throws IllegalArgumentException if it has more chunks, or the filler's length differs
   */
  public TokenizedPrompt padTo(int chunkCount, TokenChunk filler) {
    Objects.requireNonNull(filler, "filler");
    if (chunkCount < chunks.size()) {
      throw new IllegalArgumentException(
          "chunkCount " + chunkCount + " is below the prompt's " + chunks.size() + " chunks");
    }
    if (chunkCount == chunks.size()) {
      return this;
    }
    List<TokenChunk> padded = new ArrayList<>(chunks);
    while (padded.size() < chunkCount) {
      padded.add(filler);
    }
    return new TokenizedPrompt(padded, tokenCount);
  }
}
