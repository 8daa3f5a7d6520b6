package com.diffusionlab.reports.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rules an entry name must meet to be written below a folder on any common file system, meaning
 * the same file everywhere. Any Unicode letter, digit, symbol or space may appear; refused are what
 * leaves the folder or is read differently by different tools or file systems: '..', '.', empty
 * parts, absolute paths, drive letters, backslashes, control and invisible characters, the
 * characters and device names Windows reserves and parts ending in '.' or a space (Windows drops
 * those).
 */
final class EntryNames {
  private static final String OUTSIDE =
      "names must stay inside the bundle (no '..', absolute paths, drive letters or backslashes)";

  private static final int UTF8_FLAG = 1 << 11;
  private static final Pattern DRIVE_LETTER = Pattern.compile("^[A-Za-z]:");
  private static final String WINDOWS_RESERVED = "<>:\"|?*";
  private static final Pattern WINDOWS_DEVICE =
      Pattern.compile("(CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³]) *(\\..*)?");

  private EntryNames() {}

  /**
   * Decodes a raw name. Without the UTF-8 flag the format says CP437, which no bundle writer uses
   * and java.util.zip does not follow, so a name that is not ASCII must carry the flag: otherwise
   * tools would disagree about which file it is.
   */
  static String decode(byte[] raw, int flags) {
    boolean ascii = true;
    for (byte b : raw) {
      ascii &= b >= 0;
    }
    if (!ascii && (flags & UTF8_FLAG) == 0) {
      throw HostileArchiveException.entry(
          lenient(raw),
          "names with characters beyond ASCII must be flagged as UTF-8 (general purpose bit 11)");
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(raw))
          .toString();
    } catch (CharacterCodingException e) {
      throw HostileArchiveException.entry(lenient(raw), "names must be valid UTF-8");
    }
  }

  /** Refuses {@code name} unless it meets every rule; a trailing '/' marks a folder. */
  static void check(String name, ZipLimits limits) {
    if (name.isEmpty()) {
      throw HostileArchiveException.entry(name, "names must not be empty");
    }
    if (name.codePoints().anyMatch(EntryNames::isInvisible)) {
      throw HostileArchiveException.entry(
          name, "names must not contain control characters or invisible formatting characters");
    }
    if (utf8Length(name) > limits.maxNameBytes()) {
      throw HostileArchiveException.entry(
          name, "names must be at most " + limits.maxNameBytes() + " bytes long (UTF-8)");
    }
    if (name.startsWith("/") || name.indexOf('\\') >= 0 || DRIVE_LETTER.matcher(name).find()) {
      throw HostileArchiveException.entry(name, OUTSIDE);
    }
    String path = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
    for (String segment : path.split("/", -1)) {
      checkSegment(name, segment, limits);
    }
  }

  private static void checkSegment(String name, String segment, ZipLimits limits) {
    if (segment.equals("..")) {
      throw HostileArchiveException.entry(name, OUTSIDE);
    }
    if (segment.isEmpty()) {
      throw HostileArchiveException.entry(name, "names must not contain empty parts ('//')");
    }
    if (segment.equals(".")) {
      throw HostileArchiveException.entry(name, "names must not contain '.' parts");
    }
    if (utf8Length(segment) > limits.maxSegmentBytes()) {
      throw HostileArchiveException.entry(
          name,
          "each part of a name between '/' must be at most "
              + limits.maxSegmentBytes()
              + " bytes long (UTF-8)");
    }
    if (segment.chars().anyMatch(c -> WINDOWS_RESERVED.indexOf(c) >= 0)) {
      throw HostileArchiveException.entry(
          name, "names must not contain the characters Windows reserves (< > : \" | ? *)");
    }
    if (segment.endsWith(".") || segment.endsWith(" ")) {
      throw HostileArchiveException.entry(
          name, "parts of names must not end in '.' or a space (Windows drops them)");
    }
    if (WINDOWS_DEVICE.matcher(segment.toUpperCase(Locale.ROOT)).matches()) {
      throw HostileArchiveException.entry(
          name,
          "parts of names must not be Windows device names (CON, PRN, AUX, NUL, COM1, LPT1…)");
    }
  }

  /**
   * Whether {@code codePoint} is a control character or one that shows nothing or moves text:
   * format characters (bidirectional overrides, zero-width joiners), line and paragraph separators,
   * spaces other than U+0020, lone surrogates, private-use and unassigned code points.
   */
  static boolean isInvisible(int codePoint) {
    return switch (Character.getType(codePoint)) {
      case Character.CONTROL,
          Character.FORMAT,
          Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR,
          Character.SURROGATE,
          Character.PRIVATE_USE,
          Character.UNASSIGNED ->
          true;
      case Character.SPACE_SEPARATOR -> codePoint != ' ';
      default -> false;
    };
  }

  private static int utf8Length(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  /** A readable form of a name that failed to decode, for the message only. */
  private static String lenient(byte[] raw) {
    return new String(raw, StandardCharsets.UTF_8);
  }
}
