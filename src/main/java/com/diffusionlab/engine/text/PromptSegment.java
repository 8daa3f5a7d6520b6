package com.diffusionlab.engine.text;

import java.util.Objects;

/**
 * A run of prompt text and the emphasis weight of its tokens.
 *
 * <p>A {@code BREAK} keyword is the segment {@link #BREAK}, text {@code "BREAK"} with weight -1,
 * which is how AUTOMATIC1111 marks it. Keeping its marker keeps its quirks too: brackets around a
 * BREAK multiply its weight, and it then reads as the word "break".
 *
 * @param text the text, possibly empty
 * @param weight the emphasis multiplier, finite
 */
public record PromptSegment(String text, double weight) {

  /** Starts a new chunk. */
  public static final PromptSegment BREAK = new PromptSegment("BREAK", -1.0);

  public PromptSegment {
    Objects.requireNonNull(text, "text");
    if (!Double.isFinite(weight)) {
      throw new IllegalArgumentException("weight must be finite, got " + weight);
    }
  }

  /** Whether this segment starts a new chunk. */
  public boolean isBreak() {
    return weight == BREAK.weight && text.equals(BREAK.text);
  }
}
