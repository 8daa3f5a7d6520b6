package com.diffusionlab.engine.image;

import java.util.Arrays;
import java.util.Objects;

/**
 * An 8-bit sRGB image, pixels interleaved as {@code R, G, B} row by row from the top left.
 *
 * <p>The record takes the array as is, without copying: the caller must not change it afterwards.
 */
public record RgbImage(int width, int height, byte[] rgb) {
  private static final int CHANNELS = 3;

  public RgbImage {
    Objects.requireNonNull(rgb, "rgb");
    PixelBuffers.requireShape("RGB image", width, height, CHANNELS, rgb.length);
  }

  /** From pixels packed as {@code 0xRRGGBB} (the upper byte, alpha in Java's ARGB, is ignored). */
  public static RgbImage fromPackedRgb(int width, int height, int[] packed) {
    Objects.requireNonNull(packed, "packed");
    PixelBuffers.requireShape("packed RGB image", width, height, 1, packed.length);
    byte[] rgb = new byte[packed.length * CHANNELS];
    for (int i = 0; i < packed.length; i++) {
      rgb[i * CHANNELS] = (byte) (packed[i] >> 16);
      rgb[i * CHANNELS + 1] = (byte) (packed[i] >> 8);
      rgb[i * CHANNELS + 2] = (byte) packed[i];
    }
    return new RgbImage(width, height, rgb);
  }

  /**
   * From a VAE output, planar {@code (3, height, width)} in [-1, 1], as diffusers' image processor
   * converts it: {@code round(clamp(x / 2 + 0.5, 0, 1) * 255)} in float32, rounding half to even as
   * numpy does.
   *
   * @throws IllegalArgumentException if a value is NaN (a diverged decode), naming its position
   */
  public static RgbImage fromNormalizedChw(float[] chw, int width, int height) {
    Objects.requireNonNull(chw, "chw");
    PixelBuffers.requireShape("CHW tensor", width, height, CHANNELS, chw.length);
    int plane = width * height;
    byte[] rgb = new byte[chw.length];
    for (int c = 0; c < CHANNELS; c++) {
      for (int p = 0; p < plane; p++) {
        float x = chw[c * plane + p];
        if (Float.isNaN(x)) {
          throw new IllegalArgumentException(
              "CHW tensor value at channel %d, x %d, y %d is NaN; a decoded image must be finite"
                  .formatted(c, p % width, p / width));
        }
        float unit = Math.clamp(x / 2f + 0.5f, 0f, 1f);
        rgb[p * CHANNELS + c] = (byte) (int) Math.rint(unit * 255f);
      }
    }
    return new RgbImage(width, height, rgb);
  }

  /** Pixels packed as {@code 0xRRGGBB}, row by row, as {@code BufferedImage.setRGB} takes them. */
  public int[] toPackedRgb() {
    int[] packed = new int[width * height];
    for (int i = 0; i < packed.length; i++) {
      packed[i] =
          (rgb[i * CHANNELS] & 0xFF) << 16
              | (rgb[i * CHANNELS + 1] & 0xFF) << 8
              | rgb[i * CHANNELS + 2] & 0xFF;
    }
    return packed;
  }

  /**
   * Planar {@code (3, height, width)} floats in [-1, 1] for the VAE encoder, as diffusers computes
   * them in float32: {@code 2 * (v / 255) - 1}.
   */
  public float[] toNormalizedChw() {
    int plane = width * height;
    float[] chw = new float[rgb.length];
    for (int p = 0; p < plane; p++) {
      for (int c = 0; c < CHANNELS; c++) {
        chw[c * plane + p] = 2f * ((rgb[p * CHANNELS + c] & 0xFF) / 255f) - 1f;
      }
    }
    return chw;
  }

  /** Resized to {@code newWidth × newHeight} (aspect ratio not kept) with Pillow's arithmetic. */
  public RgbImage resize(int newWidth, int newHeight, ResizeFilter filter) {
    PixelBuffers.requireSize("resize target", newWidth, newHeight);
    return new RgbImage(
        newWidth,
        newHeight,
        Resampler.resize(rgb, width, height, CHANNELS, newWidth, newHeight, filter));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RgbImage other
        && width == other.width
        && height == other.height
        && Arrays.equals(rgb, other.rgb);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * width + height) + Arrays.hashCode(rgb);
  }

  @Override
  public String toString() {
    return "RgbImage[" + width + "x" + height + "]";
  }
}
