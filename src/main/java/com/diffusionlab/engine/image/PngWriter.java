package com.diffusionlab.engine.image;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Encodes 8-bit RGB images and grey masks as PNG, byte for byte the same for the same pixels and
 * text: zlib level 6 with the default strategy, the same filter heuristic for every row, one IDAT
 * chunk per 64 KiB of compressed data, and no time or other varying chunk.
 *
 * <p>Chunk order: IHDR, the text chunks in the given order, IDAT, IEND. Text goes before the image
 * data, where Pillow (hence AUTOMATIC1111 and ComfyUI) puts it.
 *
 * <p>The bytes are a function of the pixels, the text and the deflate implementation behind {@link
 * Deflater}: stock zlib has produced the same stream at a given level for years (1.2.13 and 1.3.2
 * checked identical), but a JDK linked to another implementation (zlib-ng, Intel's or Apple's
 * variants) may compress differently. Compare decoded pixels, not file hashes, across machines.
 */
public final class PngWriter {
  private static final int COMPRESSION_LEVEL = 6;
  private static final int IDAT_CHUNK_SIZE = 1 << 16;
  private static final int BIT_DEPTH = 8;
  private static final int FILTER_TYPES = 5;

  /** Writes an RGB PNG to {@code out} (which stays open). */
  public void write(RgbImage image, List<PngText> texts, OutputStream out) throws IOException {
    write(image.width(), image.height(), PngChunks.COLOR_RGB, 3, image.rgb(), texts, out);
  }

  /** Writes an RGB PNG to {@code file}, replacing it; bad text leaves the file untouched. */
  public void write(RgbImage image, List<PngText> texts, Path file) throws IOException {
    Files.write(file, encode(image, texts));
  }

  /** The RGB PNG's bytes. */
  public byte[] encode(RgbImage image, List<PngText> texts) {
    return toBytes(out -> write(image, texts, out));
  }

  /** Writes a greyscale PNG of the mask's levels to {@code out} (which stays open). */
  public void write(Mask mask, List<PngText> texts, OutputStream out) throws IOException {
    write(mask.width(), mask.height(), PngChunks.COLOR_GRAY, 1, mask.levels(), texts, out);
  }

  /** Writes a greyscale PNG of the mask's levels to {@code file}, replacing it. */
  public void write(Mask mask, List<PngText> texts, Path file) throws IOException {
    Files.write(file, encode(mask, texts));
  }

  /** The greyscale PNG's bytes. */
  public byte[] encode(Mask mask, List<PngText> texts) {
    return toBytes(out -> write(mask, texts, out));
  }

  private interface Encoding {
    void writeTo(OutputStream out) throws IOException;
  }

  private static byte[] toBytes(Encoding encoding) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      encoding.writeTo(bytes);
    } catch (IOException e) {
      throw new IllegalStateException("writing to memory cannot fail", e);
    }
    return bytes.toByteArray();
  }

  private static void write(
      int width,
      int height,
      int colorType,
      int channels,
      byte[] pixels,
      List<PngText> texts,
      OutputStream out)
      throws IOException {
    // Every text is encoded before the first byte goes out, so bad text writes nothing.
    List<Chunk> textChunks = texts.stream().map(PngWriter::textChunk).toList();
    requireDistinctKeywords(texts);
    out.write(PngChunks.SIGNATURE);
    writeChunk(out, new Chunk(PngChunks.IHDR, header(width, height, colorType)));
    for (Chunk chunk : textChunks) {
      writeChunk(out, chunk);
    }
    writeImageData(out, width, height, channels, pixels);
    writeChunk(out, new Chunk(PngChunks.IEND, new byte[0]));
    out.flush();
  }

  private static byte[] header(int width, int height, int colorType) {
    return ByteBuffer.allocate(PngChunks.IHDR_LENGTH)
        .putInt(width)
        .putInt(height)
        .put((byte) BIT_DEPTH)
        .put((byte) colorType)
        .put((byte) 0) // deflate
        .put((byte) 0) // adaptive filtering
        .put((byte) 0) // not interlaced
        .array();
  }

  private static void requireDistinctKeywords(List<PngText> texts) {
    Set<String> seen = new HashSet<>();
    for (PngText text : texts) {
      if (!seen.add(text.keyword())) {
        throw new IllegalArgumentException(
            "PNG text keyword '%s' appears more than once; readers would keep only one"
                .formatted(text.keyword()));
      }
    }
  }

  private static Chunk textChunk(PngText text) {
    Objects.requireNonNull(text, "text chunk");
    requireWritableKeyword(text.keyword());
    if (text.text().indexOf('\0') >= 0) {
      throw new IllegalArgumentException(
          "text of PNG keyword '%s' contains a NUL character, which PNG text cannot hold"
              .formatted(text.keyword()));
    }
    byte[] keyword = text.keyword().getBytes(StandardCharsets.ISO_8859_1);
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    data.writeBytes(keyword);
    data.write(0);
    switch (text.type()) {
      case TEXT -> data.writeBytes(text.text().getBytes(StandardCharsets.ISO_8859_1));
      case ZTXT -> {
        data.write(0); // compression method: deflate
        data.writeBytes(deflate(text.text().getBytes(StandardCharsets.ISO_8859_1)));
      }
      case ITXT -> {
        data.write(0); // not compressed
        data.write(0); // compression method
        data.write(0); // empty language tag
        data.write(0); // empty translated keyword
        data.writeBytes(strictUtf8(text));
      }
    }
    return new Chunk(text.type().chunkName(), data.toByteArray());
  }

  private static byte[] strictUtf8(PngText text) {
    try {
      ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(text.text()));
      byte[] bytes = new byte[encoded.remaining()];
      encoded.get(bytes);
      return bytes;
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(
          "text of PNG keyword '%s' is not valid Unicode (unpaired surrogate)"
              .formatted(text.keyword()),
          e);
    }
  }

  /** The PNG specification's keyword rules: printable Latin-1, single inner spaces only. */
  private static void requireWritableKeyword(String keyword) {
    for (int i = 0; i < keyword.length(); i++) {
      char c = keyword.charAt(i);
      boolean printable = (c >= 0x20 && c <= 0x7E) || (c >= 0xA1 && c <= 0xFF);
      if (!printable) {
        throw new IllegalArgumentException(
            "PNG text keyword '%s' has character U+%04X at index %d; allowed are printable Latin-1 and space"
                .formatted(keyword, (int) c, i));
      }
    }
    if (keyword.startsWith(" ") || keyword.endsWith(" ") || keyword.contains("  ")) {
      throw new IllegalArgumentException(
          "PNG text keyword '%s' has a leading, trailing or double space, which PNG forbids"
              .formatted(keyword));
    }
  }

  private static byte[] deflate(byte[] input) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Deflater deflater = new Deflater(COMPRESSION_LEVEL);
    try {
      deflater.setInput(input);
      deflater.finish();
      byte[] buffer = new byte[8192];
      while (!deflater.finished()) {
        out.write(buffer, 0, deflater.deflate(buffer));
      }
    } finally {
      deflater.end();
    }
    return out.toByteArray();
  }

  private static void writeImageData(
      OutputStream out, int width, int height, int channels, byte[] pixels) throws IOException {
    int rowLength = width * channels;
    byte[] previous = new byte[rowLength];
    byte[][] candidates = new byte[FILTER_TYPES][1 + rowLength];
    Deflater deflater = new Deflater(COMPRESSION_LEVEL);
    try {
      IdatStream idat = new IdatStream(out, deflater);
      for (int y = 0; y < height; y++) {
        idat.write(RowFilter.filter(pixels, y * rowLength, previous, channels, candidates));
        System.arraycopy(pixels, y * rowLength, previous, 0, rowLength);
      }
      idat.finish();
    } finally {
      deflater.end();
    }
  }

  /** Cuts the deflate stream into IDAT chunks of a fixed size. */
  private static final class IdatStream {
    private final OutputStream out;
    private final Deflater deflater;
    private final byte[] chunk = new byte[IDAT_CHUNK_SIZE];
    private int filled;

    IdatStream(OutputStream out, Deflater deflater) {
      this.out = out;
      this.deflater = deflater;
    }

    void write(byte[] row) throws IOException {
      deflater.setInput(row);
      while (!deflater.needsInput()) {
        deflateSome();
      }
    }

    void finish() throws IOException {
      deflater.finish();
      while (!deflater.finished()) {
        deflateSome();
      }
      if (filled > 0) {
        emit();
      }
    }

    private void deflateSome() throws IOException {
      filled += deflater.deflate(chunk, filled, chunk.length - filled);
      if (filled == chunk.length) {
        emit();
      }
    }

    private void emit() throws IOException {
      writeChunk(out, new Chunk(PngChunks.IDAT, Arrays.copyOf(chunk, filled)));
      filled = 0;
    }
  }

  private record Chunk(String type, byte[] data) {}

  private static void writeChunk(OutputStream out, Chunk chunk) throws IOException {
    byte[] typeBytes = PngChunks.typeBytes(chunk.type());
    CRC32 crc = new CRC32();
    crc.update(typeBytes);
    crc.update(chunk.data());
    out.write(ByteBuffer.allocate(4).putInt(chunk.data().length).array());
    out.write(typeBytes);
    out.write(chunk.data());
    out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }
}
