package com.diffusionlab.engine.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Turns prompts into chunks of the text encoder's context length, as AUTOMATIC1111 does for prompts
 * of any length: each chunk holds up to {@code contextLength - 2} content tokens between a start
 * and an end token, padded after the end token; {@code BREAK} starts a new chunk; a chunk that
 * would overflow is cut after its last comma when that comma is among the last {@code
 * commaBacktrack} tokens (AUTOMATIC1111's {@code comma_padding_backtrack}, 20 by default), the
 * tokens after it moving to the next chunk; an empty prompt is one chunk of start, end and padding.
 * Each segment of the parsed prompt is tokenized on its own, as there.
 *
 * <p>As in AUTOMATIC1111, everything after the first end token of a chunk becomes the pad token
 * (which matters only where the pad token differs from the end token, as in Stable Diffusion 2.x).
 * Textual-inversion embeddings are not handled here. Thread-safe.
 */
public final class PromptChunker {

  /** AUTOMATIC1111's default {@code comma_padding_backtrack}. */
  public static final int DEFAULT_COMMA_BACKTRACK = 20;

  private static final String COMMA_TOKEN = "," + BpeModel.END_OF_WORD;

  private final ClipTokenizer tokenizer;
  private final PromptParser parser;
  private final int commaBacktrack;
  private final int contentLength;
  private final int commaId;

  /** A chunker with AUTOMATIC1111's defaults. */
  public PromptChunker(ClipTokenizer tokenizer) {
    this(tokenizer, new PromptParser(), DEFAULT_COMMA_BACKTRACK);
  }

  /**
   * @param commaBacktrack how far back from a full chunk's end a comma may be to move the tokens
   *     after it to the next chunk; 0 never moves them, a value beyond the chunk lets any comma
   */
  public PromptChunker(ClipTokenizer tokenizer, PromptParser parser, int commaBacktrack) {
    this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
    this.parser = Objects.requireNonNull(parser, "parser");
    this.contentLength = tokenizer.contextLength() - 2;
    if (commaBacktrack < 0) {
      throw new IllegalArgumentException(
          "commaBacktrack must not be negative, got " + commaBacktrack);
    }
    this.commaBacktrack = commaBacktrack;
    this.commaId = tokenizer.tokenId(COMMA_TOKEN).orElse(-1);
  }

  /**
   * Parses the prompt's emphasis and BREAKs, then chunks it.
   *
   * @throws InvalidPromptException if the emphasis syntax cannot be read
   */
  public TokenizedPrompt chunk(String prompt) {
    return chunk(parser.parse(prompt));
  }

  /**
   * Chunks segments parsed already; {@code List.of(new PromptSegment(prompt, 1.0))} chunks a prompt
   * with emphasis off (AUTOMATIC1111's "None", where BREAK is plain text too).
   */
  public TokenizedPrompt chunk(List<PromptSegment> segments) {
    ChunkWriter writer = new ChunkWriter();
    for (PromptSegment segment : segments) {
      if (segment.isBreak()) {
        writer.finishChunk();
        continue;
      }
      for (int id : tokenizer.encode(segment.text())) {
        writer.add(id, segment.weight());
      }
    }
    return writer.finish();
  }

  /** The chunk of an empty prompt: start, end, padding, all weighted 1.0. */
  public TokenChunk emptyChunk() {
    return new ChunkWriter().finish().chunks().getFirst();
  }

  /**
   * The prompts padded with {@link #emptyChunk()}s to the chunk count of the longest, as
   * AUTOMATIC1111 does for a batch, so that conditional and unconditional embeddings (positive and
   * negative prompt) have one shape for classifier-free guidance.
   */
  public List<TokenizedPrompt> padToSameChunkCount(List<TokenizedPrompt> prompts) {
    int chunkCount = prompts.stream().mapToInt(TokenizedPrompt::chunkCount).max().orElse(0);
    TokenChunk empty = emptyChunk();
    return prompts.stream().map(prompt -> prompt.padTo(chunkCount, empty)).toList();
  }

  /** Collects the tokens of one prompt into chunks, as AUTOMATIC1111's {@code tokenize_line}. */
  private final class ChunkWriter {
    private final List<TokenChunk> chunks = new ArrayList<>();
    private int[] ids = new int[contentLength];
    private double[] weights = new double[contentLength];
    private int size;
    private int lastComma = -1;
    private int tokenCount;

    void add(int id, double weight) {
      if (id == commaId) {
        lastComma = size;
      } else if (commaBacktrack != 0
          && size == contentLength
          && lastComma != -1
          && size - lastComma <= commaBacktrack) {
        moveTailAfter(lastComma);
      }
      if (size == contentLength) {
        finishChunk();
      }
      ids[size] = id;
      weights[size] = weight;
      size++;
      tokenCount++;
    }

    /** Closes the chunk at the comma and starts the next with the tokens after it. */
    private void moveTailAfter(int comma) {
      int from = comma + 1;
      int[] tailIds = Arrays.copyOfRange(ids, from, size);
      double[] tailWeights = Arrays.copyOfRange(weights, from, size);
      size = from;
      finishChunk();
      System.arraycopy(tailIds, 0, ids, 0, tailIds.length);
      System.arraycopy(tailWeights, 0, weights, 0, tailWeights.length);
      size = tailIds.length;
    }

    void finishChunk() {
      int length = contentLength + 2;
      int[] chunkIds = new int[length];
      float[] chunkWeights = new float[length];
      Arrays.fill(chunkWeights, 1.0f);
      chunkIds[0] = tokenizer.startId();
      for (int i = 0; i < size; i++) {
        chunkIds[i + 1] = ids[i];
        chunkWeights[i + 1] = (float) weights[i];
      }
      Arrays.fill(chunkIds, size + 1, length, tokenizer.endId());
      if (tokenizer.padId() != tokenizer.endId()) {
        int firstEnd = 1;
        while (chunkIds[firstEnd] != tokenizer.endId()) {
          firstEnd++;
        }
        Arrays.fill(chunkIds, firstEnd + 1, length, tokenizer.padId());
      }
      chunks.add(new TokenChunk(chunkIds, chunkWeights));
      size = 0;
      lastComma = -1;
    }

    TokenizedPrompt finish() {
      if (size > 0 || chunks.isEmpty()) {
        finishChunk();
      }
      return new TokenizedPrompt(chunks, tokenCount);
    }
  }
}
