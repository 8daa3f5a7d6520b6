package com.diffusionlab.engine.shapes;

import com.diffusionlab.engine.image.RgbImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits a square image into background and objects: the background colour is the per-channel
 * median of the border pixels (robust to an object touching the border and to noise); pixels
 * further than {@link #FOREGROUND_DISTANCE} from it in RGB are foreground; 8-connected foreground
 * pixels form an object unless there are fewer than {@link #MIN_OBJECT_PIXELS}, which makes them a
 * speck.
 */
final class ForegroundSegmentation {

  /**
   * RGB distance from the background beyond which a pixel is foreground: far above pixel noise (σ =
   * 8 a channel gives a distance above 40 once in 60,000 pixels) and well below the 100 that
   * separates any two named colours.
   */
  static final double FOREGROUND_DISTANCE = 40;

  static final int MIN_OBJECT_PIXELS = 12;

  private final int size;
  private final float[][] channels = new float[3][];
  private final double[] background = new double[3];
  private final int[] labels;
  private final List<int[]> objects = new ArrayList<>();
  private int specks;

  ForegroundSegmentation(RgbImage image) {
    this.size = image.width();
    byte[] rgb = image.rgb();
    int pixels = size * size;
    for (int c = 0; c < 3; c++) {
      channels[c] = new float[pixels];
      for (int p = 0; p < pixels; p++) {
        channels[c][p] = rgb[p * 3 + c] & 0xFF;
      }
      background[c] = borderMedian(channels[c]);
    }
    labels = new int[pixels];
    label();
  }

  int size() {
    return size;
  }

  /** The background colour, channel {@code c}. */
  double background(int c) {
    return background[c];
  }

  /** The background colour as red, green, blue. */
  double[] background() {
    return background.clone();
  }

  /** Channel {@code c} of pixel {@code p} (row-major index). */
  float channel(int c, int p) {
    return channels[c][p];
  }

  /** The objects, each as its foreground pixels' indices, in order of their first pixel. */
  List<int[]> objects() {
    return objects;
  }

  /** The object pixel {@code p} belongs to: its index in {@link #objects()} plus 1, or 0. */
  int label(int p) {
    return labels[p];
  }

  int specks() {
    return specks;
  }

  double distanceSquared(int p) {
    double sum = 0;
    for (int c = 0; c < 3; c++) {
      double d = channels[c][p] - background[c];
      sum += d * d;
    }
    return sum;
  }

  private void label() {
    int pixels = size * size;
    double threshold = FOREGROUND_DISTANCE * FOREGROUND_DISTANCE;
    boolean[] foreground = new boolean[pixels];
    for (int p = 0; p < pixels; p++) {
      foreground[p] = distanceSquared(p) > threshold;
    }
    boolean[] seen = new boolean[pixels];
    int[] stack = new int[pixels];
    int[] members = new int[pixels];
    for (int start = 0; start < pixels; start++) {
      if (!foreground[start] || seen[start]) {
        continue;
      }
      int count = 0;
      int top = 0;
      stack[top++] = start;
      seen[start] = true;
      while (top > 0) {
        int p = stack[--top];
        members[count++] = p;
        int x = p % size;
        int y = p / size;
        for (int ny = Math.max(0, y - 1); ny <= Math.min(size - 1, y + 1); ny++) {
          for (int nx = Math.max(0, x - 1); nx <= Math.min(size - 1, x + 1); nx++) {
            int q = ny * size + nx;
            if (foreground[q] && !seen[q]) {
              seen[q] = true;
              stack[top++] = q;
            }
          }
        }
      }
      if (count < MIN_OBJECT_PIXELS) {
        specks++;
        continue;
      }
      int[] object = Arrays.copyOf(members, count);
      objects.add(object);
      for (int p : object) {
        labels[p] = objects.size();
      }
    }
  }

  private double borderMedian(float[] channel) {
    float[] border = new float[4 * (size - 1)];
    int n = 0;
    for (int i = 0; i < size - 1; i++) {
      border[n++] = channel[i];
      border[n++] = channel[i * size + size - 1];
      border[n++] = channel[(size - 1) * size + i + 1];
      border[n++] = channel[(i + 1) * size];
    }
    return median(border, n);
  }

  /** The median of the first {@code n} values (sorts them). */
  static double median(float[] values, int n) {
    Arrays.sort(values, 0, n);
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
  }
}
