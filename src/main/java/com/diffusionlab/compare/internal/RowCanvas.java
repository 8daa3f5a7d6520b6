package com.diffusionlab.compare.internal;

import com.diffusionlab.engine.image.RgbImage;
import com.diffusionlab.engine.image.StreamingPngWriter;
import java.io.IOException;
import java.util.Arrays;

/**
 * A strip of an image as wide as the image and a few hundred rows high, RGB bytes row by row, that
 * each band of a sweep grid is drawn in and then written out. One array per row, so the strip's
 * size is not bounded by the largest Java array, and each row goes to the PNG writer as it is.
 */
final class RowCanvas {
  private static final int CHANNELS = 3;
  private static final byte WHITE = (byte) 0xFF;

  private final int width;
  private final byte[][] rows;

  RowCanvas(int width, int height) {
    this.width = width;
    this.rows = new byte[height][width * CHANNELS];
  }

  int height() {
    return rows.length;
  }

  /** The bytes of the pixels held. */
  long bytes() {
    return (long) rows.length * width * CHANNELS;
  }

  /** Paints the top {@code count} rows white. */
  void clear(int count) {
    for (int y = 0; y < count; y++) {
      Arrays.fill(rows[y], WHITE);
    }
  }

  /** Fills a rectangle with {@code 0xRRGGBB}; the rectangle must lie inside the canvas. */
  void fill(int left, int top, int fillWidth, int fillHeight, int rgb) {
    byte[] first = rows[top];
    for (int x = left; x < left + fillWidth; x++) {
      first[x * CHANNELS] = (byte) (rgb >> 16);
      first[x * CHANNELS + 1] = (byte) (rgb >> 8);
      first[x * CHANNELS + 2] = (byte) rgb;
    }
    for (int y = top + 1; y < top + fillHeight; y++) {
      System.arraycopy(first, left * CHANNELS, rows[y], left * CHANNELS, fillWidth * CHANNELS);
    }
  }

  /**
   * Copies {@code image} with its top left at ({@code left}, {@code top}), clipped to the canvas.
   */
  void paste(RgbImage image, int left, int top) {
    int fromX = Math.max(0, -left);
    int toX = Math.min(image.width(), width - left);
    if (fromX >= toX) {
      return;
    }
    int fromY = Math.max(0, -top);
    int toY = Math.min(image.height(), rows.length - top);
    for (int y = fromY; y < toY; y++) {
      System.arraycopy(
          image.rgb(),
          (y * image.width() + fromX) * CHANNELS,
          rows[top + y],
          (left + fromX) * CHANNELS,
          (toX - fromX) * CHANNELS);
    }
  }

  /** Writes the top {@code count} rows to {@code png}. */
  void writeTo(StreamingPngWriter png, int count) throws IOException {
    for (int y = 0; y < count; y++) {
      png.writeRow(rows[y], 0);
    }
  }

  /** Writes row {@code y} to {@code png} {@code times} times. */
  void writeRepeated(StreamingPngWriter png, int y, int times) throws IOException {
    for (int i = 0; i < times; i++) {
      png.writeRow(rows[y], 0);
    }
  }
}
