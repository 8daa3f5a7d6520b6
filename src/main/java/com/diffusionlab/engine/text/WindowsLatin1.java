package com.diffusionlab.engine.text;

/**
 * The C1 control range (U+0080 to U+009F) read as Windows-1252, the way web browsers, Python's
 * {@code html.unescape} and ftfy all reinterpret it. The five bytes Windows-1252 leaves undefined
 * stand for themselves.
 */
final class WindowsLatin1 {

  private static final char FIRST = '\u0080';
  private static final char LAST = '\u009F';

  private static final String C1_AS_WINDOWS_1252 =
      "\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D"
          + "\u008F\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153"
          + "\u009D\u017E\u0178";

  private WindowsLatin1() {}

  static boolean isC1(int codePoint) {
    return codePoint >= FIRST && codePoint <= LAST;
  }

  /** The character a C1 code point stands for; call only when {@link #isC1} holds. */
  static char decodeC1(int codePoint) {
    return C1_AS_WINDOWS_1252.charAt(codePoint - FIRST);
  }
}
