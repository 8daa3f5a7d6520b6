package com.diffusionlab.engine.shapes;

import com.diffusionlab.engine.image.RgbImage;
import java.util.Random;

/**
 * Damage of the kind a small diffusion model does to an image: pixel noise, soft edges, colours a
 * little off. Seeded, so the figures a test reports are the same on every run.
 */
final class Perturbations {

  private Perturbations() {}

  /** Independent Gaussian noise of standard deviation {@code sigma} on every channel value. */
  static RgbImage noise(RgbImage image, double sigma, Random random) {
    byte[] rgb = image.rgb().clone();
    for (int i = 0; i < rgb.length; i++) {
      rgb[i] = clamp((rgb[i] & 0xFF) + sigma * random.nextGaussian());
    }
    return new RgbImage(image.width(), image.height(), rgb);
  }

  /** One offset per channel, uniform in [-amount, amount], added to every pixel. */
  static RgbImage shift(RgbImage image, int amount, Random random) {
    int[] offsets = new int[3];
    for (int c = 0; c < 3; c++) {
      offsets[c] = random.nextInt(2 * amount + 1) - amount;
    }
    byte[] rgb = image.rgb().clone();
    for (int i = 0; i < rgb.length; i++) {
      rgb[i] = clamp((rgb[i] & 0xFF) + offsets[i % 3]);
    }
    return new RgbImage(image.width(), image.height(), rgb);
  }

  /**
   * The binomial kernel [1 2 1]/4 along rows then columns (a Gaussian of σ ≈ 0.7 pixels), edges
   * repeated.
   */
  static RgbImage blur(RgbImage image) {
    int width = image.width();
    int height = image.height();
    byte[] source = image.rgb();
    double[] rows = new double[source.length];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        for (int c = 0; c < 3; c++) {
          rows[(y * width + x) * 3 + c] =
              0.25 * (source[(y * width + Math.max(x - 1, 0)) * 3 + c] & 0xFF)
                  + 0.5 * (source[(y * width + x) * 3 + c] & 0xFF)
                  + 0.25 * (source[(y * width + Math.min(x + 1, width - 1)) * 3 + c] & 0xFF);
        }
      }
    }
    byte[] blurred = new byte[source.length];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        for (int c = 0; c < 3; c++) {
          blurred[(y * width + x) * 3 + c] =
              clamp(
                  0.25 * rows[(Math.max(y - 1, 0) * width + x) * 3 + c]
                      + 0.5 * rows[(y * width + x) * 3 + c]
                      + 0.25 * rows[(Math.min(y + 1, height - 1) * width + x) * 3 + c]);
        }
      }
    }
    return new RgbImage(width, height, blurred);
  }

  private static byte clamp(double value) {
    return (byte) Math.clamp(Math.round(value), 0, 255);
  }
}
