package com.diffusionlab.reports.internal;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * An archive file read by position, so that entry streams can read side by side. Callers check
 * positions against {@link #size()} first and report a hostile archive; a short read here means the
 * file changed under us.
 */
record ArchiveChannel(Path file, FileChannel channel, long size) {

  /** {@code length} bytes from {@code position}, little-endian, ready to read. */
  ByteBuffer read(long position, int length) throws IOException {
    ByteBuffer bytes = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    readFully(position, bytes);
    return bytes.flip();
  }

  /** Fills the rest of {@code bytes} from {@code position}. */
  void readFully(long position, ByteBuffer bytes) throws IOException {
    long at = position;
    while (bytes.hasRemaining()) {
      int read = channel.read(bytes, at);
      if (read < 0) {
        throw new EOFException(file + " ended at byte " + at + ": it changed while being read");
      }
      at += read;
    }
  }

  /** The archive as a whole breaks {@code rule}. */
  HostileArchiveException malformed(String rule) {
    return HostileArchiveException.archive(file, rule);
  }

  /** An 8-byte field; negative if it exceeds a long, which no real offset or count does. */
  static long u64(ByteBuffer bytes, int index) {
    return bytes.getLong(index);
  }

  static long u32(ByteBuffer bytes, int index) {
    return Integer.toUnsignedLong(bytes.getInt(index));
  }

  static int u16(ByteBuffer bytes, int index) {
    return Short.toUnsignedInt(bytes.getShort(index));
  }
}
