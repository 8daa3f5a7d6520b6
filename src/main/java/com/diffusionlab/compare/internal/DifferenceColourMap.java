package com.diffusionlab.compare.internal;

import com.diffusionlab.engine.image.RgbImage;
import java.util.List;

/**
 * Colours for a difference heatmap: black for no difference through dark red, orange and yellow to
 * white for the largest, each of the 256 levels brighter than the one below so that the order reads
 * without a legend (the "hot" family of colour maps).
 */
final class DifferenceColourMap {
  static final int LEVELS = 256;
  private static final int TOP = LEVELS - 1;
  private static final int CHANNELS = 3;

  private static final List<Stop> STOPS =
      List.of(
          new Stop(0.0, 0, 0, 0),
          new Stop(0.3, 140, 0, 0),
          new Stop(0.55, 240, 100, 0),
          new Stop(0.8, 255, 220, 0),
          new Stop(1.0, 255, 255, 255));

  private final byte[] table = new byte[LEVELS * CHANNELS];

  DifferenceColourMap() {
    int stop = 0;
    for (int level = 0; level < LEVELS; level++) {
      double t = level / (double) TOP;
      while (t > STOPS.get(stop + 1).at()) {
        stop++;
      }
      Stop low = STOPS.get(stop);
      Stop high = STOPS.get(stop + 1);
      double f = (t - low.at()) / (high.at() - low.at());
      table[level * CHANNELS] = mix(low.red(), high.red(), f);
      table[level * CHANNELS + 1] = mix(low.green(), high.green(), f);
      table[level * CHANNELS + 2] = mix(low.blue(), high.blue(), f);
    }
  }

  /** The colour of a level from 0 (black) to 255 (white), as {@code 0xRRGGBB}. */
  int packedColour(int level) {
    int i = level * CHANNELS;
    return (table[i] & 0xFF) << 16 | (table[i + 1] & 0xFF) << 8 | table[i + 2] & 0xFF;
  }

  /**
   * A heatmap of per-pixel differences scaled to the largest, {@code max}, which is white: two
   * images one level apart show as clearly as two 100 levels apart. Levels round up, so that any
   * difference above zero shows as a colour other than black. All black when {@code max} is 0.
   *
   * @param differences one difference (0 to 255, unsigned) per pixel, row by row
   */
  RgbImage render(int width, int height, byte[] differences, int max) {
    byte[] rgb = new byte[differences.length * CHANNELS];
    if (max > 0) {
      for (int p = 0; p < differences.length; p++) {
        int colour = ((differences[p] & 0xFF) * TOP + max - 1) / max * CHANNELS;
        rgb[p * CHANNELS] = table[colour];
        rgb[p * CHANNELS + 1] = table[colour + 1];
        rgb[p * CHANNELS + 2] = table[colour + 2];
      }
    }
    return new RgbImage(width, height, rgb);
  }

  private static byte mix(int low, int high, double f) {
    return (byte) Math.round(low + (high - low) * f);
  }

  /** A colour at a position from 0 to 1 along the map; colours between stops are interpolated. */
  private record Stop(double at, int red, int green, int blue) {}
}
