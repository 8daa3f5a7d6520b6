package com.diffusionlab.reports.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * One entry's data, held to what its headers declare. The declared sizes may lie, so it feeds the
 * inflater no more than the declared compressed bytes and stops, throwing, as soon as the output
 * passes the declared size. That one bound also holds the entry's ratio and the archive's total,
 * since the header check allowed each declared size only within both; a running ratio would instead
 * refuse honest files that start with a long run of zeros. At the end it checks that the deflate
 * stream ended exactly with the compressed bytes, that the output reached the declared size and
 * that its CRC-32 is the declared one.
 *
 * <p>The checks at the end run only for a stream read to its end.
 */
final class EntryInputStream extends InputStream {
  private static final int CHUNK = 64 * 1024;

  private final ArchiveChannel archive;
  private final EntryLocation location;
  private final Inflater inflater;
  private final CRC32 crc = new CRC32();
  private final byte[] input;
  private long nextInput;
  private long inputLeft;
  private long produced;
  private boolean ended;
  private boolean closed;

  EntryInputStream(ArchiveChannel archive, EntryLocation location) {
    this.archive = archive;
    this.location = location;
    SafeZipEntry entry = location.entry();
    this.inflater = entry.method() == SafeZipEntry.Method.DEFLATED ? new Inflater(true) : null;
    this.input = new byte[(int) Math.min(CHUNK, Math.max(1, entry.compressedSize()))];
    this.nextInput = location.dataOffset();
    this.inputLeft = entry.compressedSize();
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    Objects.checkFromIndexSize(offset, length, buffer.length);
    if (closed) {
      throw new IOException(
          "the stream of entry '"
              + HostileArchiveException.printable(location.entry().name())
              + "' is closed");
    }
    if (length == 0) {
      return 0;
    }
    if (ended) {
      return -1;
    }
    // Hand out the declared bytes, then probe for one more: one is enough to prove the size a lie.
    int wanted = (int) Math.min(length, Math.max(location.entry().size() - produced, 1));
    int count =
        inflater == null ? readStored(buffer, offset, wanted) : inflate(buffer, offset, wanted);
    if (count < 0) {
      checkEnd();
      ended = true;
      return -1;
    }
    produced += count;
    if (produced > location.entry().size()) {
      throw refuse(
          "it must inflate to the "
              + location.entry().size()
              + " bytes it declares, but inflates to more");
    }
    crc.update(buffer, offset, count);
    return count;
  }

  private int readStored(byte[] buffer, int offset, int length) throws IOException {
    if (inputLeft == 0) {
      return -1;
    }
    ByteBuffer target = ByteBuffer.wrap(buffer, offset, (int) Math.min(length, inputLeft));
    archive.readFully(nextInput, target);
    int count = target.position() - offset;
    nextInput += count;
    inputLeft -= count;
    return count;
  }

  private int inflate(byte[] buffer, int offset, int length) throws IOException {
    while (true) {
      int count;
      try {
        count = inflater.inflate(buffer, offset, length);
      } catch (DataFormatException e) {
        throw refuse("its compressed data must be valid deflate data: " + e.getMessage());
      }
      if (count > 0) {
        return count;
      }
      if (inflater.finished()) {
        return -1;
      }
      if (inflater.needsDictionary() || !inflater.needsInput()) {
        throw refuse("its compressed data must be plain deflate data without a preset dictionary");
      }
      if (inputLeft == 0) {
        throw refuse(
            "its deflate stream must end within the "
                + location.entry().compressedSize()
                + " compressed bytes it declares");
      }
      int chunk = (int) Math.min(input.length, inputLeft);
      archive.readFully(nextInput, ByteBuffer.wrap(input, 0, chunk));
      nextInput += chunk;
      inputLeft -= chunk;
      inflater.setInput(input, 0, chunk);
    }
  }

  private void checkEnd() {
    if (inflater != null && (inflater.getRemaining() > 0 || inputLeft > 0)) {
      throw refuse(
          "its deflate stream must end with its "
              + location.entry().compressedSize()
              + " compressed bytes, but "
              + (inflater.getRemaining() + inputLeft)
              + " follow it");
    }
    if (produced < location.entry().size()) {
      throw refuse(
          "it must inflate to the "
              + location.entry().size()
              + " bytes it declares, but inflates to "
              + produced);
    }
    if (crc.getValue() != location.crc()) {
      throw refuse(
          String.format(
              "its data must have the CRC-32 it declares, %08x, but has %08x",
              location.crc(), crc.getValue()));
    }
  }

  private HostileArchiveException refuse(String rule) {
    return HostileArchiveException.entry(location.entry().name(), rule);
  }

  @Override
  public void close() {
    closed = true;
    if (inflater != null) {
      inflater.end();
    }
  }
}
