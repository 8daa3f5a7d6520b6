package com.diffusionlab.compare.internal;

import com.diffusionlab.engine.image.RgbImage;

/**
 * Deterministic test images from integer formulas, the same as in
 * src/test/resources/compare/ssim_reference.py, which computes the reference SSIM values.
 */
final class TestImages {
  private static final int CHANNELS = 3;

  private TestImages() {}

  /** Red grows to the right, green downwards, blue along the diagonal, each from 0 to 255. */
  static RgbImage gradient(int width, int height) {
    byte[] rgb = new byte[width * height * CHANNELS];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int i = (y * width + x) * CHANNELS;
        rgb[i] = (byte) (x * 255 / (width - 1));
        rgb[i + 1] = (byte) (y * 255 / (height - 1));
        rgb[i + 2] = (byte) ((x + 2 * y) * 255 / (width + 2 * height - 3));
      }
    }
    return new RgbImage(width, height, rgb);
  }

  /** Adds {@code (7x + 13y + 5c) mod 21 - 10} to every channel c, clamped to 0..255. */
  static RgbImage withPattern(RgbImage image) {
    byte[] rgb = image.rgb().clone();
    for (int y = 0; y < image.height(); y++) {
      for (int x = 0; x < image.width(); x++) {
        for (int c = 0; c < CHANNELS; c++) {
          int i = (y * image.width() + x) * CHANNELS + c;
          int pattern = (x * 7 + y * 13 + c * 5) % 21 - 10;
          rgb[i] = (byte) Math.clamp((rgb[i] & 0xFF) + pattern, 0, 255);
        }
      }
    }
    return new RgbImage(image.width(), image.height(), rgb);
  }

  /** The 3×3 mean with edges replicated, rounded down. */
  static RgbImage boxBlurred(RgbImage image) {
    int width = image.width();
    int height = image.height();
    byte[] rgb = new byte[image.rgb().length];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        for (int c = 0; c < CHANNELS; c++) {
          int sum = 0;
          for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
              int sx = Math.clamp(x + dx, 0, width - 1);
              int sy = Math.clamp(y + dy, 0, height - 1);
              sum += image.rgb()[(sy * width + sx) * CHANNELS + c] & 0xFF;
            }
          }
          rgb[(y * width + x) * CHANNELS + c] = (byte) (sum / 9);
        }
      }
    }
    return new RgbImage(width, height, rgb);
  }

  /**
   * Bits 16..23 of the C library's rand() recurrence {@code s = s * 1103515245 + 12345 mod 2^31}.
   */
  static RgbImage noise(int width, int height, long seed) {
    byte[] rgb = new byte[width * height * CHANNELS];
    long s = seed;
    for (int i = 0; i < rgb.length; i++) {
      s = (s * 1103515245L + 12345) & 0x7fffffffL;
      rgb[i] = (byte) (s >> 16);
    }
    return new RgbImage(width, height, rgb);
  }
}
