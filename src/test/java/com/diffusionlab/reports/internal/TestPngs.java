package com.diffusionlab.reports.internal;

import com.diffusionlab.engine.image.PngWriter;
import com.diffusionlab.engine.image.RgbImage;
import java.util.List;
import java.util.Random;

/** Real PNG files for report tests: smooth colour with some noise, like a small generation. */
final class TestPngs {

  private TestPngs() {}

  static byte[] png(int width, int height, long seed) {
    Random random = new Random(seed);
    int[] base = {random.nextInt(256), random.nextInt(256), random.nextInt(256)};
    byte[] rgb = new byte[width * height * 3];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        for (int c = 0; c < 3; c++) {
          int value = base[c] + (c == 0 ? x : c == 1 ? y : x + y) * 96 / width + random.nextInt(24);
          rgb[(y * width + x) * 3 + c] = (byte) Math.clamp(value, 0, 255);
        }
      }
    }
    return new PngWriter().encode(new RgbImage(width, height, rgb), List.of());
  }
}
