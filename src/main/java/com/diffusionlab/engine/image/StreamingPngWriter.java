package com.diffusionlab.engine.image;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Objects;

/**
 * Writes an 8-bit RGB PNG of a size known up front from rows supplied top to bottom, so that an
 * image of any size the format allows is written in memory of a few rows: signature, IHDR and the
 * text chunks as soon as it is {@linkplain #open opened}, IDAT chunks of at most 64 KiB as the
 * compressed rows fill them, IEND on {@link #close}.
 *
 * <p>The encoding is {@link PngWriter}'s (each row filtered with the type of smallest sum of
 * absolute values among the five, zlib level 6, 64 KiB IDAT chunks): the same pixels and text give
 * the same bytes from either. Memory is six rows of {@code 3 × width + 1} bytes (the previous row
 * and a scratch row per filter type), zlib's state (about 256 KiB, native) and a 64 KiB chunk.
 *
 * <p>Not thread-safe. The output stream stays open.
 */
public final class StreamingPngWriter implements AutoCloseable {
  private static final int CHANNELS = 3;

  /**
   * The widest image whose row, with its filter byte, fits in a Java array (about 715 million
   * pixels); the PNG format itself allows up to 2^31 - 1.
   */
  public static final int MAX_WIDTH = (Integer.MAX_VALUE - 9) / CHANNELS;

  private final OutputStream out;
  private final int width;
  private final int height;
  private final PngRowEncoder rows;
  private int rowsWritten;
  private boolean closed;

  private StreamingPngWriter(OutputStream out, int width, int height) {
    this.out = out;
    this.width = width;
    this.height = height;
    this.rows = new PngRowEncoder(out, width, CHANNELS);
  }

  /**
   * Writes the PNG's signature, header and text chunks (in the given order) and returns the writer
   * that takes its {@code height} rows.
   *
   * @throws IllegalArgumentException if a side is under 1, the width over {@link #MAX_WIDTH}, or a
   *     text breaks the PNG rules ({@link PngWriter}'s checks); nothing is written then
   */
  public static StreamingPngWriter open(
      OutputStream out, int width, int height, List<PngText> texts) throws IOException {
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(texts, "texts");
    PixelBuffers.requireSize("PNG", width, height);
    if (width > MAX_WIDTH) {
      throw new IllegalArgumentException(
          "PNG width %d is too large; a row must fit in a Java array, so at most %d pixels"
              .formatted(width, MAX_WIDTH));
    }
    PngChunkWriter.writeHead(out, width, height, PngChunks.COLOR_RGB, texts);
    return new StreamingPngWriter(out, width, height);
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  /** How many rows have been written so far. */
  public int rowsWritten() {
    return rowsWritten;
  }

  /**
   * Writes the next row: {@code 3 × width} bytes {@code R, G, B} from {@code offset} of {@code
   * rgb}, which the writer does not keep.
   *
   * @throws IllegalStateException if all {@code height} rows were written already, or after close
   */
  public void writeRow(byte[] rgb, int offset) throws IOException {
    Objects.checkFromIndexSize(offset, width * CHANNELS, rgb.length);
    if (closed) {
      throw new IllegalStateException("PNG writer is closed");
    }
    if (rowsWritten == height) {
      throw new IllegalStateException(
          "PNG of height %d has all its rows; row %d is one too many"
              .formatted(height, rowsWritten + 1));
    }
    rows.write(rgb, offset);
    rowsWritten++;
  }

  /**
   * Ends the image data, writes IEND and releases zlib's memory. Closing again does nothing.
   *
   * @throws IllegalStateException if fewer than {@code height} rows were written; zlib's memory is
   *     released but the PNG is left incomplete
   */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try (rows) {
      if (rowsWritten != height) {
        throw new IllegalStateException(
            "PNG of height %d closed after %d rows; every row must be written"
                .formatted(height, rowsWritten));
      }
      rows.finish();
      PngChunkWriter.writeEnd(out);
    }
  }
}
