package com.diffusionlab.engine.image;

import java.util.Objects;

/**
 * One PNG text chunk: a keyword, its text and the chunk type that carries it.
 *
 * <p>The constructor accepts everything a PNG file may hold (it also describes chunks read from
 * other tools' files); {@link PngWriter} additionally enforces the PNG specification's keyword
 * rules before writing.
 */
public record PngText(String keyword, String text, PngTextType type) {

  /** The PNG specification's longest keyword, in Latin-1 characters. */
  public static final int MAX_KEYWORD_LENGTH = 79;

  private static final char LATIN1_MAX = 0xFF;

  public PngText {
    Objects.requireNonNull(keyword, "keyword");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(type, "type");
    if (keyword.isEmpty() || keyword.length() > MAX_KEYWORD_LENGTH) {
      throw new IllegalArgumentException(
          "PNG text keyword '%s' has %d characters; allowed 1 to %d"
              .formatted(keyword, keyword.length(), MAX_KEYWORD_LENGTH));
    }
    if (!isLatin1(keyword)) {
      throw new IllegalArgumentException(
          "PNG text keyword '%s' has characters outside Latin-1".formatted(keyword));
    }
    if (type != PngTextType.ITXT && !isLatin1(text)) {
      throw new IllegalArgumentException(
          "text of PNG keyword '%s' has characters outside Latin-1; %s cannot hold it, use iTXt"
              .formatted(keyword, type.chunkName()));
    }
  }

  /**
   * Chooses the chunk as Pillow's {@code PngInfo.add_text} does: {@code tEXt} when the text is
   * Latin-1, otherwise uncompressed {@code iTXt}. AUTOMATIC1111 writes its {@code parameters} this
   * way, and every reader of that chunk understands both.
   */
  public static PngText of(String keyword, String text) {
    return new PngText(
        keyword,
        text,
        isLatin1(Objects.requireNonNull(text, "text")) ? PngTextType.TEXT : PngTextType.ITXT);
  }

  /** An uncompressed {@code iTXt} chunk whatever the text. */
  public static PngText international(String keyword, String text) {
    return new PngText(keyword, text, PngTextType.ITXT);
  }

  private static boolean isLatin1(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) > LATIN1_MAX) {
        return false;
      }
    }
    return true;
  }
}
