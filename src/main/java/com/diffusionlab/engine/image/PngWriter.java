package com.diffusionlab.engine.image;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
 *
 * <p>{@link StreamingPngWriter} writes the same bytes from rows supplied one at a time, for images
 * too large to hold.
 */
public final class PngWriter {
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
    PngChunkWriter.writeHead(out, width, height, colorType, texts);
    int rowLength = width * channels;
    try (PngRowEncoder rows = new PngRowEncoder(out, width, channels)) {
      for (int y = 0; y < height; y++) {
        rows.write(pixels, y * rowLength);
      }
      rows.finish();
    }
    PngChunkWriter.writeEnd(out);
  }
}
