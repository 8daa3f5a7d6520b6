package com.diffusionlab.compare.internal;

import com.diffusionlab.engine.image.ResizeFilter;
import com.diffusionlab.engine.image.RgbImage;

/**
 * Scales an image to fit a cell with its aspect ratio kept (Lanczos, Pillow's arithmetic, as
 * AUTOMATIC1111 resizes); the side that does not fill the cell is letterboxed by the caller.
 */
final class CellFitter {
  private CellFitter() {}

  /** The image as large as fits {@code cellWidth × cellHeight}; itself if it has that size. */
  static RgbImage fit(RgbImage image, int cellWidth, int cellHeight) {
    int width = image.width();
    int height = image.height();
    if (width == cellWidth && height == cellHeight) {
      return image;
    }
    boolean widthBound = (long) width * cellHeight >= (long) height * cellWidth;
    int newWidth = widthBound ? cellWidth : scaled(width, cellHeight, height);
    int newHeight = widthBound ? scaled(height, cellWidth, width) : cellHeight;
    return image.resize(newWidth, newHeight, ResizeFilter.LANCZOS);
  }

  /** {@code side × numerator / denominator} rounded half up, at least 1. */
  private static int scaled(int side, int numerator, int denominator) {
    return (int) Math.max(1, (2L * side * numerator + denominator) / (2L * denominator));
  }
}
