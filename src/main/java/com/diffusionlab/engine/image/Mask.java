package com.diffusionlab.engine.image;

import java.util.Arrays;
import java.util.Objects;

/**
 * An inpainting mask, one 8-bit level per pixel row by row: 255 (white) repaints, 0 keeps.
 *
 * <p>The record takes the array as is, without copying: the caller must not change it afterwards.
 */
public record Mask(int width, int height, byte[] levels) {
  private static final int LEVELS = 255;
  private static final int HALF_LEVEL = 128;

  public Mask {
    Objects.requireNonNull(levels, "levels");
    PixelBuffers.requireShape("mask", width, height, 1, levels.length);
  }

  /** Levels as floats in [0, 1] ({@code level / 255}), row by row. */
  public float[] toUnitFloats() {
    float[] values = new float[levels.length];
    for (int i = 0; i < levels.length; i++) {
      values[i] = (levels[i] & 0xFF) / (float) LEVELS;
    }
    return values;
  }

  /** Every level at or above one half (128) set to 255, the rest to 0, as diffusers binarises. */
  public Mask binarize() {
    byte[] out = new byte[levels.length];
    for (int i = 0; i < levels.length; i++) {
      out[i] = (byte) ((levels[i] & 0xFF) >= HALF_LEVEL ? LEVELS : 0);
    }
    return new Mask(width, height, out);
  }

  /** Resized to {@code newWidth × newHeight} with Pillow's arithmetic for 8-bit grey images. */
  public Mask resize(int newWidth, int newHeight, ResizeFilter filter) {
    PixelBuffers.requireSize("resize target", newWidth, newHeight);
    return new Mask(
        newWidth,
        newHeight,
        Resampler.resize(levels, width, height, 1, newWidth, newHeight, filter));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Mask other
        && width == other.width
        && height == other.height
        && Arrays.equals(levels, other.levels);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * width + height) + Arrays.hashCode(levels);
  }

  @Override
  public String toString() {
    return "Mask[" + width + "x" + height + "]";
  }
}
