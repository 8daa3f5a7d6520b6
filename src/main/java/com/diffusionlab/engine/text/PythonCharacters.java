package com.diffusionlab.engine.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Character classes as CPython defines them. CLIP's cleanup and AUTOMATIC1111's prompt syntax are
 * regular expressions run by Python, whose {@code \s}, {@code \w} and {@code \d} are wider than
 * Java's defaults; these definitions make the Java patterns match the same characters.
 */
final class PythonCharacters {

  /**
   * The body of a character class matching what {@code str.isspace()}, {@code str.strip()} and the
   * {@code re} module's {@code \s} treat as whitespace.
   */
  static final String WHITESPACE_CLASS =
      "\\t\\n\\x0B\\f\\r\\x1C-\\x1F \\x85\\xA0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000";

  /** The body of a character class matching the {@code re} module's {@code \w}. */
  static final String WORD_CLASS = "\\p{L}\\p{N}_";

  /** The body of a character class matching the {@code re} module's {@code \d}. */
  static final String DIGIT_CLASS = "\\p{Nd}";

  private PythonCharacters() {}

  static boolean isWhitespace(char c) {
    return (c >= '\t' && c <= '\r')
        || (c >= '\u001C' && c <= ' ')
        || c == '\u0085'
        || c == '\u00A0'
        || c == '\u1680'
        || (c >= '\u2000' && c <= '\u200A')
        || c == '\u2028'
        || c == '\u2029'
        || c == '\u202F'
        || c == '\u205F'
        || c == '\u3000';
  }

  /**
   * Replaces every run of whitespace with one space and strips both ends, as CLIP's {@code
   * whitespace_clean} does.
   */
  static String collapseWhitespace(String text) {
    StringBuilder out = new StringBuilder(text.length());
    boolean pendingSpace = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (isWhitespace(c)) {
        pendingSpace = !out.isEmpty();
      } else {
        if (pendingSpace) {
          out.append(' ');
          pendingSpace = false;
        }
        out.append(c);
      }
    }
    return out.toString();
  }

  /** {@code str.split()} without arguments: the non-empty runs between whitespace. */
  static List<String> split(String text) {
    List<String> parts = new ArrayList<>();
    int start = -1;
    for (int i = 0; i <= text.length(); i++) {
      boolean boundary = i == text.length() || isWhitespace(text.charAt(i));
      if (boundary && start >= 0) {
        parts.add(text.substring(start, i));
        start = -1;
      } else if (!boundary && start < 0) {
        start = i;
      }
    }
    return parts;
  }
}
