package com.diffusionlab.engine.image;

/** Shape checks shared by the pixel records. */
final class PixelBuffers {
  private PixelBuffers() {}

  static void requireShape(String what, int width, int height, int channels, int length) {
    requireSize(what, width, height);
    long expected = (long) width * height * channels;
    if (expected != length) {
      throw new IllegalArgumentException(
          "%s of %dx%d needs %d values (%d per pixel), got %d"
              .formatted(what, width, height, expected, channels, length));
    }
  }

  static void requireSize(String what, int width, int height) {
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException(
          "%s size %dx%d is invalid; width and height must be at least 1"
              .formatted(what, width, height));
    }
  }
}
