package com.diffusionlab.reports.internal;

/**
 * The one escaping function of the HTML report: every piece of text that is not the report's own
 * markup goes through it, in element content and in attribute values alike.
 */
final class Html {

  private static final char REPLACEMENT = '\uFFFD';

  private Html() {}

  /**
   * The text with {@code & < > " '} as character references, so that it stays text both between
   * tags and inside a quoted attribute value. Characters that neither HTML nor XML allow in a
   * document (C0 controls other than tab, line feed and carriage return; U+FFFE and U+FFFF) become
   * U+FFFD, which keeps the report parseable as XML. Null is the empty string.
   */
  static String escape(String text) {
    if (text == null) {
      return "";
    }
    int start = 0;
    while (start < text.length() && !special(text.charAt(start))) {
      start++;
    }
    if (start == text.length()) {
      return text;
    }
    StringBuilder escaped = new StringBuilder(text.length() + 16).append(text, 0, start);
    for (int i = start; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> escaped.append("&amp;");
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&#39;");
        default -> escaped.append(forbidden(c) ? REPLACEMENT : c);
      }
    }
    return escaped.toString();
  }

  private static boolean special(char c) {
    return c == '&' || c == '<' || c == '>' || c == '"' || c == '\'' || forbidden(c);
  }

  private static boolean forbidden(char c) {
    return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == '\uFFFE' || c == '\uFFFF';
  }
}
