package com.diffusionlab.engine.image;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes the chunks around a PNG's image data: signature, IHDR and text chunks before it, IEND
 * after it; shared by {@link PngWriter} and {@link StreamingPngWriter} so both write the same
 * bytes.
 */
final class PngChunkWriter {
  static final int COMPRESSION_LEVEL = 6;
  private static final int BIT_DEPTH = 8;

  private PngChunkWriter() {}

  /**
   * Writes the signature, IHDR and the text chunks in the given order. Every text is encoded before
   * the first byte goes out, so bad text writes nothing.
   */
  static void writeHead(OutputStream out, int width, int height, int colorType, List<PngText> texts)
      throws IOException {
    List<byte[]> textData = texts.stream().map(PngChunkWriter::textData).toList();
    requireDistinctKeywords(texts);
    out.write(PngChunks.SIGNATURE);
    writeChunk(out, PngChunks.IHDR, header(width, height, colorType));
    for (int i = 0; i < texts.size(); i++) {
      writeChunk(out, texts.get(i).type().chunkName(), textData.get(i));
    }
  }

  static void writeEnd(OutputStream out) throws IOException {
    writeChunk(out, PngChunks.IEND, new byte[0]);
    out.flush();
  }

  /** Length, type, data and the CRC-32 of type and data. */
  static void writeChunk(OutputStream out, String type, byte[] data) throws IOException {
    writeChunk(out, type, data, data.length);
  }

  /** A chunk of the first {@code length} bytes of {@code data}. */
  static void writeChunk(OutputStream out, String type, byte[] data, int length)
      throws IOException {
    byte[] typeBytes = PngChunks.typeBytes(type);
    CRC32 crc = new CRC32();
    crc.update(typeBytes);
    crc.update(data, 0, length);
    out.write(ByteBuffer.allocate(4).putInt(length).array());
    out.write(typeBytes);
    out.write(data, 0, length);
    out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
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

  private static byte[] textData(PngText text) {
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
    return data.toByteArray();
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
}
