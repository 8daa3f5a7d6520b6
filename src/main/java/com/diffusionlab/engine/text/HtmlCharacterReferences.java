package com.diffusionlab.engine.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes HTML character references in the two ways CLIP's cleanup needs: leniently as Python's
 * {@code html.unescape} does (CLIP applies it twice), and strictly as ftfy's {@code unescape_html}
 * does (only complete references, plus upper-cased names of lower-case entities).
 */
final class HtmlCharacterReferences {

  private static final String TABLE_RESOURCE = "html5-entities.txt";

  private static final Pattern LENIENT_REFERENCE =
      Pattern.compile("&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\\t\\n\\f <&#;]{1,32};?)");

  private static final Pattern STRICT_REFERENCE = Pattern.compile("&#?[0-9A-Za-z]{1,24};");

  private static final int MAX_CODE_POINT = 0x10FFFF;

  /** The named references of the HTML standard, with and without their ';'. */
  private final Map<String, String> named;

  /** ftfy's table: the names that end in ';', plus upper-cased forms that are not ambiguous. */
  private final Map<String, String> strictNamed;

  private HtmlCharacterReferences(Map<String, String> named) {
    this.named = named;
    this.strictNamed = strictTable(named);
  }

  /** The shared instance; its tables are immutable. */
  static HtmlCharacterReferences instance() {
    return Holder.INSTANCE;
  }

  /** Python's {@code html.unescape}. */
  String unescapeLenient(String text) {
    if (text.indexOf('&') < 0) {
      return text;
    }
    return LENIENT_REFERENCE.matcher(text).replaceAll(m -> Matcher.quoteReplacement(lenient(m)));
  }

  /** ftfy's {@code unescape_html}. */
  String unescapeStrict(String text) {
    if (text.indexOf('&') < 0) {
      return text;
    }
    return STRICT_REFERENCE.matcher(text).replaceAll(m -> Matcher.quoteReplacement(strict(m)));
  }

  private String lenient(MatchResult match) {
    String reference = match.group(1);
    if (reference.charAt(0) == '#') {
      return numeric(reference);
    }
    String exact = named.get(reference);
    if (exact != null) {
      return exact;
    }
    // the standard decodes the longest known prefix of a name that lacks its ';'
    for (int length = reference.length() - 1; length > 1; length--) {
      String prefix = named.get(reference.substring(0, length));
      if (prefix != null) {
        return prefix + reference.substring(length);
      }
    }
    return "&" + reference;
  }

  private String strict(MatchResult match) {
    String reference = match.group();
    String known = strictNamed.get(reference);
    if (known != null) {
      return known;
    }
    if (reference.startsWith("&#")) {
      String decoded = unescapeLenient(reference);
      // a reference decoded only in part is left alone
      return decoded.indexOf(';') >= 0 ? reference : decoded;
    }
    return reference;
  }

  private static String numeric(String reference) {
    boolean hex = reference.charAt(1) == 'x' || reference.charAt(1) == 'X';
    String digits = reference.substring(hex ? 2 : 1);
    if (digits.endsWith(";")) {
      digits = digits.substring(0, digits.length() - 1);
    }
    int codePoint = parseBounded(digits, hex ? 16 : 10);
    // Python's html._invalid_charrefs: NUL and the C1 range are read the way browsers do
    if (codePoint == 0) {
      return "\uFFFD";
    }
    if (WindowsLatin1.isC1(codePoint)) {
      return String.valueOf(WindowsLatin1.decodeC1(codePoint));
    }
    if (codePoint < 0
        || codePoint > MAX_CODE_POINT
        || (codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE)) {
      return "\uFFFD";
    }
    if (isDroppedCodePoint(codePoint)) {
      return "";
    }
    return Character.toString(codePoint);
  }

  /** Parses a digit string, giving -1 for anything beyond the Unicode range. */
  private static int parseBounded(String digits, int radix) {
    int start = 0;
    while (start < digits.length() - 1 && digits.charAt(start) == '0') {
      start++;
    }
    String significant = digits.substring(start);
    if (significant.length() > 8) {
      return -1;
    }
    long value = Long.parseLong(significant, radix);
    return value > MAX_CODE_POINT ? -1 : (int) value;
  }

  /** Python's {@code html._invalid_codepoints}: references to these decode to nothing. */
  private static boolean isDroppedCodePoint(int c) {
    return (c >= 0x1 && c <= 0x8)
        || c == 0xB
        || (c >= 0xE && c <= 0x1F)
        || (c >= 0x7F && c <= 0x9F)
        || (c >= 0xFDD0 && c <= 0xFDEF)
        || (c & 0xFFFE) == 0xFFFE;
  }

  private Map<String, String> strictTable(Map<String, String> all) {
    Map<String, String> table = new HashMap<>();
    for (Map.Entry<String, String> entry : all.entrySet()) {
      String name = entry.getKey();
      if (!name.endsWith(";")) {
        continue;
      }
      table.put("&" + name, entry.getValue());
    }
    for (Map.Entry<String, String> entry : all.entrySet()) {
      String name = entry.getKey();
      if (!name.endsWith(";") || !name.equals(name.toLowerCase(Locale.ROOT))) {
        continue;
      }
      String upper = "&" + name.toUpperCase(Locale.ROOT);
      // only names that mean nothing else, even to the lenient decoder, are taken upper-cased
      if (unescapeLenient(upper).equals(upper)) {
        table.put(upper, entry.getValue().toUpperCase(Locale.ROOT));
      }
    }
    return Map.copyOf(table);
  }

  private static Map<String, String> readTable() {
    InputStream stream = HtmlCharacterReferences.class.getResourceAsStream(TABLE_RESOURCE);
    if (stream == null) {
      throw new IllegalStateException("resource " + TABLE_RESOURCE + " is missing");
    }
    Map<String, String> table = new HashMap<>();
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.startsWith("#") || line.isEmpty()) {
          continue;
        }
        int tab = line.indexOf('\t');
        StringBuilder value = new StringBuilder();
        for (String hex : line.substring(tab + 1).split(" ")) {
          value.appendCodePoint(Integer.parseInt(hex, 16));
        }
        table.put(line.substring(0, tab), value.toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read resource " + TABLE_RESOURCE, e);
    }
    return Map.copyOf(table);
  }

  private static final class Holder {
    static final HtmlCharacterReferences INSTANCE = new HtmlCharacterReferences(readTable());
  }
}
