package com.diffusionlab.engine.shapes;

/** A caption outside the caption grammar, with the word where reading it failed. */
public final class CaptionSyntaxException extends IllegalArgumentException {

  private final String caption;
  private final int wordNumber;

  CaptionSyntaxException(String caption, int wordNumber, String problem) {
    super("caption \"" + caption + "\": " + problem);
    this.caption = caption;
    this.wordNumber = wordNumber;
  }

  /** The caption, cut short if it was long. */
  public String caption() {
    return caption;
  }

  /** The 1-based number of the offending word; one more than the word count if words ran out. */
  public int wordNumber() {
    return wordNumber;
  }
}
