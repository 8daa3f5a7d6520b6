package com.diffusionlab.engine.text;

import com.diffusionlab.engine.ModelFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads tokenizer files as UTF-8 text, refusing oversized or undecodable ones by name and line. */
final class TextFiles {

  private TextFiles() {}

  static byte[] read(Path file, long maxBytes) {
    if (!Files.isRegularFile(file)) {
      throw new ModelFormatException(file, "file is missing");
    }
    try (InputStream in = Files.newInputStream(file)) {
      return readLimited(in, maxBytes, file);
    } catch (IOException e) {
      throw new ModelFormatException(file, "cannot be read: " + e.getMessage(), e);
    }
  }

  static byte[] readLimited(InputStream in, long maxBytes, Path source) throws IOException {
    byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
    if (bytes.length > maxBytes) {
      throw new ModelFormatException(
          source, "is larger than " + maxBytes + " bytes, more than any tokenizer file needs");
    }
    return bytes;
  }

  static String decodeUtf8(byte[] bytes, Path source) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      throw new ModelFormatException(
          source, "line " + lineAt(bytes, in.position()) + ": not valid UTF-8 text");
    }
    decoder.flush(out);
    String text = out.flip().toString();
    // a byte order mark is no part of the first line (a header is recognised by its '#')
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  /**
   * Splits on '\n' only, as Python's {@code str.split("\n")} does, keeping at most {@code limit}
   * lines; line i is element i - 1.
   */
  static List<String> lines(String text, int limit) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    while (true) {
      int newline = text.indexOf('\n', start);
      if (newline < 0 || lines.size() + 1 == limit) {
        lines.add(text.substring(start, newline < 0 ? text.length() : newline));
        return lines;
      }
      lines.add(text.substring(start, newline));
      start = newline + 1;
    }
  }

  /** A line shortened for an error message. */
  static String excerpt(String line) {
    int limit = 60;
    return line.length() <= limit ? line : line.substring(0, limit) + "…";
  }

  private static int lineAt(byte[] bytes, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (bytes[i] == '\n') {
        line++;
      }
    }
    return line;
  }
}
