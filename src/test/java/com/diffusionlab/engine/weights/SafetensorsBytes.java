package com.diffusionlab.engine.weights;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds safetensors files byte by byte, independently of {@link SafetensorsWriter}. */
final class SafetensorsBytes {
  private SafetensorsBytes() {}

  /** A file with header {@code json} (as given, unpadded) followed by {@code data}. */
  static byte[] file(String json, byte[] data) {
    byte[] header = json.getBytes(StandardCharsets.UTF_8);
    return concat(lengthPrefix(header.length), header, data);
  }

  /** A file with header {@code json} followed by {@code dataBytes} zero bytes. */
  static byte[] file(String json, int dataBytes) {
    return file(json, new byte[dataBytes]);
  }

  static byte[] lengthPrefix(long length) {
    return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(length).array();
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  /** Little-endian 16-bit words, e.g. hand-encoded halves or bfloat16s. */
  static byte[] shorts(int... words) {
    ByteBuffer out = ByteBuffer.allocate(words.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    for (int word : words) {
      out.putShort((short) word);
    }
    return out.array();
  }

  static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }

  static Path write(Path dir, String name, byte[] content) throws IOException {
    return Files.write(dir.resolve(name), content);
  }
}
