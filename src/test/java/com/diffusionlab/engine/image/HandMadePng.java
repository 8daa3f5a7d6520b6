package com.diffusionlab.engine.image;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Builds PNG byte streams chunk by chunk, independently of {@link PngWriter}, following the PNG
 * specification's layout (length, type, data, CRC-32 of type + data).
 */
final class HandMadePng {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  HandMadePng() {
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
  }

  /** Signature + IHDR for an 8-bit image of the given colour type. */
  static HandMadePng withHeader(int width, int height, int colorType) {
    return new HandMadePng()
        .chunk(
            "IHDR",
            ByteBuffer.allocate(13)
                .putInt(width)
                .putInt(height)
                .put((byte) 8)
                .put((byte) colorType)
                .put(new byte[3])
                .array());
  }

  HandMadePng chunk(String type, byte[] data) {
    byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
    CRC32 crc = new CRC32();
    crc.update(typeBytes);
    crc.update(data);
    return raw(ByteBuffer.allocate(4).putInt(data.length).array())
        .raw(typeBytes)
        .raw(data)
        .raw(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }

  HandMadePng raw(byte[] bytes) {
    out.writeBytes(bytes);
    return this;
  }

  /** One IDAT holding a 1×1 RGB pixel (filter byte 0), then IEND. */
  HandMadePng onePixelRgbAndEnd() {
    return chunk("IDAT", zlib(new byte[] {0, 10, 20, 30})).chunk("IEND", new byte[0]);
  }

  byte[] bytes() {
    return out.toByteArray();
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      all.writeBytes(part);
    }
    return all.toByteArray();
  }

  static byte[] latin1(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] zlib(byte[] data) {
    Deflater deflater = new Deflater(9);
    deflater.setInput(data);
    deflater.finish();
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    byte[] buffer = new byte[4096];
    while (!deflater.finished()) {
      compressed.write(buffer, 0, deflater.deflate(buffer));
    }
    deflater.end();
    return compressed.toByteArray();
  }
}
