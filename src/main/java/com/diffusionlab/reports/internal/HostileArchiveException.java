package com.diffusionlab.reports.internal;

import com.diffusionlab.engine.FieldError;
import com.diffusionlab.engine.InvalidRequestException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * An archive refused as a whole because one entry, or its structure, breaks a rule. Reported like
 * any bad input: field {@code archive entry} (or {@code archive}), the offending name and the rule,
 * e.g. {@code archive entry='../evil.png' is not allowed: names must stay inside the bundle (...)}.
 *
 * <p>Names come from hostile input, so the message shows at most {@value #MAX_SHOWN} characters of
 * one and writes control and invisible characters as Java escapes (a backslash, 'u' and the hex
 * code): a name cannot forge log lines, reorder the text around it or fill the screen.
 */
public class HostileArchiveException extends InvalidRequestException {
  static final int MAX_SHOWN = 100;

  private final String entry;

  private HostileArchiveException(String field, String shownName, String rule, String entry) {
    super(List.of(new FieldError(field, "'" + shownName + "'", rule)));
    this.entry = entry;
  }

  /** Entry {@code name} (as decoded from the archive, however hostile) breaks {@code rule}. */
  public static HostileArchiveException entry(String name, String rule) {
    String shown = printable(name);
    return new HostileArchiveException("archive entry", shown, rule, shown);
  }

  /** The archive {@code file} is malformed or unsupported as a whole, as {@code rule} says. */
  public static HostileArchiveException archive(Path file, String rule) {
    return new HostileArchiveException(
        "archive", printable(String.valueOf(file.getFileName())), rule, null);
  }

  /**
   * The offending entry's name as the message shows it (escaped, shortened), if one is at fault.
   */
  public Optional<String> entry() {
    return Optional.ofNullable(entry);
  }

  /**
   * {@code text} with control and invisible characters escaped, cut after about {@value #MAX_SHOWN}
   * characters with a count of what was left out.
   */
  static String printable(String text) {
    StringBuilder shown = new StringBuilder();
    int i = 0;
    while (i < text.length() && shown.length() < MAX_SHOWN) {
      int codePoint = text.codePointAt(i);
      if (EntryNames.isInvisible(codePoint)) {
        shown.append(String.format("\\u%04X", codePoint));
      } else {
        shown.appendCodePoint(codePoint);
      }
      i += Character.charCount(codePoint);
    }
    if (i < text.length()) {
      shown.append("…(").append(text.codePointCount(i, text.length())).append(" more)");
    }
    return shown.toString();
  }
}
