package com.diffusionlab.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * UTF-8 bytes written as text to the command line's output writer, so that a streamed download
 * (JSON lines) reaches standard output as the other commands' answers do. A character whose bytes
 * arrive in two writes is kept until it is whole. Closing flushes the writer but leaves it open.
 */
final class Utf8TextOutput extends OutputStream {
  private final Writer writer;
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE);
  private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16);
  private final CharBuffer chars = CharBuffer.allocate(1 << 16);

  Utf8TextOutput(Writer writer) {
    this.writer = writer;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] buffer, int offset, int length) throws IOException {
    int from = offset;
    int left = length;
    while (left > 0) {
      int n = Math.min(left, bytes.remaining());
      bytes.put(buffer, from, n);
      from += n;
      left -= n;
      decode();
    }
  }

  private void decode() throws IOException {
    bytes.flip();
    CoderResult result;
    do {
      result = decoder.decode(bytes, chars, false);
      chars.flip();
      writer.append(chars);
      chars.clear();
    } while (result.isOverflow());
    bytes.compact();
  }

  @Override
  public void flush() throws IOException {
    writer.flush();
  }

  @Override
  public void close() throws IOException {
    flush();
  }
}
