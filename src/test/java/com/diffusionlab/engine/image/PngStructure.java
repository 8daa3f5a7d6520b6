package com.diffusionlab.engine.image;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads a PNG's chunk structure independently of the writers and readers under test: the signature,
 * then length, type, data and CRC-32 of each chunk, every CRC recomputed.
 */
public final class PngStructure {
  private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

  private PngStructure() {}

  /** One chunk as stored. */
  public record Chunk(String type, byte[] data) {}

  /**
   * The chunks in file order.
   *
   * @throws IllegalArgumentException if the signature is wrong, a chunk is cut short, a CRC does
   *     not match or bytes follow IEND
   */
  public static List<Chunk> chunks(byte[] png) {
    ByteBuffer in = ByteBuffer.wrap(png);
    byte[] signature = new byte[SIGNATURE.length];
    in.get(signature);
    if (!Arrays.equals(signature, SIGNATURE)) {
      throw new IllegalArgumentException("not a PNG signature");
    }
    List<Chunk> chunks = new ArrayList<>();
    while (chunks.isEmpty() || !chunks.getLast().type().equals("IEND")) {
      if (in.remaining() < 12) {
        throw new IllegalArgumentException("PNG cut short after " + chunks.size() + " chunks");
      }
      int length = in.getInt();
      byte[] type = new byte[4];
      in.get(type);
      byte[] data = new byte[length];
      in.get(data);
      CRC32 crc = new CRC32();
      crc.update(type);
      crc.update(data);
      int stored = in.getInt();
      String name = new String(type, StandardCharsets.US_ASCII);
      if (stored != (int) crc.getValue()) {
        throw new IllegalArgumentException("CRC of chunk " + chunks.size() + " " + name + " wrong");
      }
      chunks.add(new Chunk(name, data));
    }
    if (in.hasRemaining()) {
      throw new IllegalArgumentException(in.remaining() + " bytes after IEND");
    }
    return chunks;
  }

  /** The types of the chunks, in order. */
  public static List<String> types(List<Chunk> chunks) {
    return chunks.stream().map(Chunk::type).toList();
  }

  /**
   * How many bytes the IDAT chunks' zlib stream inflates to, counted without keeping them: for an
   * 8-bit RGB image, {@code height × (1 + 3 × width)}.
   */
  public static long inflatedImageDataLength(List<Chunk> chunks) {
    Inflater inflater = new Inflater();
    try {
      byte[] buffer = new byte[1 << 16];
      long total = 0;
      for (Chunk chunk : chunks) {
        if (!chunk.type().equals("IDAT")) {
          continue;
        }
        inflater.setInput(chunk.data());
        while (!inflater.needsInput() && !inflater.finished()) {
          total += inflater.inflate(buffer);
        }
      }
      if (!inflater.finished()) {
        throw new IllegalArgumentException("the image data's zlib stream does not end");
      }
      return total;
    } catch (DataFormatException e) {
      throw new IllegalArgumentException("the image data is not a zlib stream", e);
    } finally {
      inflater.end();
    }
  }
}
