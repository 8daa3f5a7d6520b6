package com.diffusionlab.engine.text;

import java.text.Normalizer;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The table-driven part of ftfy's {@code fix_text} with its default settings, which CLIP applies
 * before anything else. ftfy itself is a Python library; what is reproduced here, in ftfy's order
 * and repeated until the text stops changing:
 *
 * <ul>
 *   <li>{@code unescape_html}: complete HTML references, unless the line contains {@code <} (from
 *       that line on, as ftfy's {@code fix_text} does);
 *   <li>{@code fix_c1_controls}: U+0080 to U+009F read as Windows-1252;
 *   <li>{@code fix_latin_ligatures}: {@code ﬁ} to {@code fi} and the like;
 *   <li>{@code fix_character_width}: full- and half-width forms to normal ones, U+3000 to a space;
 *   <li>{@code uncurl_quotes}: curly quotes to straight ones;
 *   <li>{@code fix_surrogates}: unpaired surrogates to U+FFFD;
 *   <li>{@code remove_terminal_escapes} and {@code remove_control_chars};
 *   <li>NFC normalization.
 * </ul>
 *
 * <p>Not reproduced: {@code fix_encoding}, ftfy's heuristic repair of mojibake (UTF-8 text decoded
 * as Latin-1 or Windows-125x, such as {@code "cafÃ©"}), which changes only text that already looks
 * garbled; and {@code fix_line_breaks}, whose effect CLIP's whitespace collapsing erases.
 */
final class UnicodeRepair {

  // ftfy writes the parameters as (?:\d|;)*, which Java would match by recursion, one stack frame
  // per character; a character class matches the same without
  private static final Pattern TERMINAL_ESCAPE =
      Pattern.compile("\\x1B\\[[" + PythonCharacters.DIGIT_CLASS + ";]*+[a-zA-Z]");

  private static final Map<Character, String> LATIN_LIGATURES =
      Map.ofEntries(
          Map.entry('Ĳ', "IJ"),
          Map.entry('ĳ', "ij"),
          Map.entry('ŉ', "ʼn"),
          Map.entry('Ǳ', "DZ"),
          Map.entry('ǲ', "Dz"),
          Map.entry('ǳ', "dz"),
          Map.entry('Ǆ', "DŽ"),
          Map.entry('ǅ', "Dž"),
          Map.entry('ǆ', "dž"),
          Map.entry('Ǉ', "LJ"),
          Map.entry('ǈ', "Lj"),
          Map.entry('ǉ', "lj"),
          Map.entry('Ǌ', "NJ"),
          Map.entry('ǋ', "Nj"),
          Map.entry('ǌ', "nj"),
          Map.entry('ﬀ', "ff"),
          Map.entry('ﬁ', "fi"),
          Map.entry('ﬂ', "fl"),
          Map.entry('ﬃ', "ffi"),
          Map.entry('ﬄ', "ffl"),
          Map.entry('ﬅ', "ſt"),
          Map.entry('ﬆ', "st"));

  private static final char FIRST_WIDTH_FORM = '\uFF01';
  private static final char LAST_WIDTH_FORM = '\uFFEF';

  private final HtmlCharacterReferences references;

  UnicodeRepair(HtmlCharacterReferences references) {
    this.references = references;
  }

  String fix(String text) {
    StringBuilder out = new StringBuilder(text.length());
    boolean unescapeHtml = true;
    int start = 0;
    // ftfy repairs line by line, and stops decoding HTML for good once a line looks like markup
    while (start < text.length()) {
      int newline = text.indexOf('\n', start);
      int end = newline < 0 ? text.length() : newline + 1;
      String line = text.substring(start, end);
      unescapeHtml &= line.indexOf('<') < 0;
      out.append(fixLine(line, unescapeHtml));
      start = end;
    }
    return out.toString();
  }

  private String fixLine(String line, boolean unescapeHtml) {
    String current = line;
    while (true) {
      String next = unescapeHtml ? references.unescapeStrict(current) : current;
      next = mapCharacters(next);
      next = TERMINAL_ESCAPE.matcher(next).replaceAll("");
      next = removeControlCharacters(next);
      next = Normalizer.normalize(next, Normalizer.Form.NFC);
      if (next.equals(current)) {
        return next;
      }
      current = next;
    }
  }

  /** The one-character fixes: C1 controls, ligatures, widths, quotes and lone surrogates. */
  private static String mapCharacters(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        out.append(c).append(text.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        out.append('\uFFFD');
      } else {
        out.append(mapCharacter(c));
      }
    }
    return out.toString();
  }

  private static String mapCharacter(char c) {
    char decoded = WindowsLatin1.isC1(c) ? WindowsLatin1.decodeC1(c) : c;
    String unligated = LATIN_LIGATURES.get(decoded);
    if (unligated != null) {
      return unligated;
    }
    return uncurl(normalWidth(decoded));
  }

  private static String normalWidth(char c) {
    if (c == '\u3000') {
      return " ";
    }
    if (c >= FIRST_WIDTH_FORM && c <= LAST_WIDTH_FORM) {
      return Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFKC);
    }
    return String.valueOf(c);
  }

  private static String uncurl(String text) {
    if (text.length() != 1) {
      return text;
    }
    char c = text.charAt(0);
    if (c == '\u02BC' || (c >= '\u2018' && c <= '\u201B')) {
      return "'";
    }
    if (c >= '\u201C' && c <= '\u201F') {
      return "\"";
    }
    return text;
  }

  private static String removeControlCharacters(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!isUnwantedControl(c)) {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** ftfy's {@code CONTROL_CHARS}: controls that are neither whitespace nor C1 clues. */
  private static boolean isUnwantedControl(char c) {
    return c <= '\u0008'
        || c == '\u000B'
        || (c >= '\u000E' && c <= '\u001F')
        || c == '\u007F'
        || (c >= '\u206A' && c <= '\u206F')
        || c == '\uFEFF'
        || (c >= '\uFFF9' && c <= '\uFFFC');
  }
}
