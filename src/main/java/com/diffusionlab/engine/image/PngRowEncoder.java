package com.diffusionlab.engine.image;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.Deflater;

/**
 * The image data of a PNG, row by row: each row filtered with {@link RowFilter}'s adaptive choice,
 * the filtered rows fed to one zlib stream (level 6, default strategy) that is cut into IDAT chunks
 * of 64 KiB. Holds the previous row and one scratch row per filter type, so its memory is about six
 * rows whatever the height. Call {@link #close} to release zlib's native memory.
 */
final class PngRowEncoder implements AutoCloseable {
  private static final int IDAT_CHUNK_SIZE = 1 << 16;
  private static final int FILTER_TYPES = 5;

  private final OutputStream out;
  private final int channels;
  private final byte[] previous;
  private final byte[][] candidates;
  private final Deflater deflater = new Deflater(PngChunkWriter.COMPRESSION_LEVEL);
  private final byte[] chunk = new byte[IDAT_CHUNK_SIZE];
  private int filled;

  /** {@code width × channels + 1} must be a valid array length; the callers check it. */
  PngRowEncoder(OutputStream out, int width, int channels) {
    this.out = out;
    this.channels = channels;
    int rowLength = width * channels;
    previous = new byte[rowLength];
    candidates = new byte[FILTER_TYPES][1 + rowLength];
  }

  /** Filters and compresses the row of {@code width × channels} bytes at {@code offset}. */
  void write(byte[] pixels, int offset) throws IOException {
    byte[] filtered = RowFilter.filter(pixels, offset, previous, channels, candidates);
    System.arraycopy(pixels, offset, previous, 0, previous.length);
    deflater.setInput(filtered);
    while (!deflater.needsInput()) {
      deflateSome();
    }
  }

  /** Ends the zlib stream and writes the last IDAT chunk. */
  void finish() throws IOException {
    deflater.finish();
    while (!deflater.finished()) {
      deflateSome();
    }
    if (filled > 0) {
      emit();
    }
  }

  @Override
  public void close() {
    deflater.end();
  }

  private void deflateSome() throws IOException {
    filled += deflater.deflate(chunk, filled, chunk.length - filled);
    if (filled == chunk.length) {
      emit();
    }
  }

  private void emit() throws IOException {
    PngChunkWriter.writeChunk(out, PngChunks.IDAT, chunk, filled);
    filled = 0;
  }
}
