package com.diffusionlab.engine.image;

/**
 * The few Python string behaviours the AUTOMATIC1111 infotext format depends on: {@code str.strip}
 * and {@code json.dumps(s, ensure_ascii=False)} / {@code json.loads} of one string.
 */
final class PythonText {
  private PythonText() {}

  /** Python's whitespace: ASCII whitespace, the separators 0x1C–0x1F, and Unicode spaces. */
  static boolean isSpace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c);
  }

  static String strip(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isSpace(s.charAt(start))) {
      start++;
    }
    while (end > start && isSpace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(start, end);
  }

  /** A JSON string literal escaped as Python's {@code json.dumps(s, ensure_ascii=False)} does. */
  static String jsonQuote(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20) {
            out.append("\\u%04x".formatted((int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /**
   * The string a whole JSON string literal denotes, or {@code null} when {@code literal} is not
   * exactly one valid literal (as Python's {@code json.loads} would reject it).
   */
  static String jsonUnquote(String literal) {
    int n = literal.length();
    if (n < 2 || literal.charAt(0) != '"' || literal.charAt(n - 1) != '"') {
      return null;
    }
    StringBuilder out = new StringBuilder(n);
    int i = 1;
    while (i < n - 1) {
      char c = literal.charAt(i);
      if (c == '"' || c < 0x20) {
        return null;
      }
      if (c != '\\') {
        out.append(c);
        i++;
        continue;
      }
      if (i + 1 >= n - 1) {
        return null;
      }
      char e = literal.charAt(i + 1);
      switch (e) {
        case '"', '\\', '/' -> out.append(e);
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> {
          if (i + 6 > n - 1) {
            return null;
          }
          int code = hex4(literal, i + 2);
          if (code < 0) {
            return null;
          }
          out.append((char) code);
          i += 4;
        }
        default -> {
          return null;
        }
      }
      i += 2;
    }
    return out.toString();
  }

  private static int hex4(String s, int from) {
    int value = 0;
    for (int k = from; k < from + 4; k++) {
      int digit = Character.digit(s.charAt(k), 16);
      if (digit < 0 || s.charAt(k) > 'f') {
        return -1;
      }
      value = value * 16 + digit;
    }
    return value;
  }
}
