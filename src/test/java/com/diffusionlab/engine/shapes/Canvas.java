package com.diffusionlab.engine.shapes;

import com.diffusionlab.engine.image.RgbImage;

/**
 * Paints test images without Java2D or the dataset's renderer: each pixel blends background and
 * fill by the share of 8 × 8 sample points inside a shape given as a point test.
 */
final class Canvas {

  /** A region of the plane, in pixel coordinates (pixel (i, j) covers [i, i+1) × [j, j+1)). */
  @FunctionalInterface
  interface Region {
    boolean contains(double x, double y);
  }

  private static final int SAMPLES = 8;

  private final int size;
  private final double[][] rgb;

  Canvas(int size, NamedColour background) {
    this.size = size;
    this.rgb = new double[size * size][];
    for (int p = 0; p < rgb.length; p++) {
      rgb[p] = new double[] {background.red(), background.green(), background.blue()};
    }
  }

  Canvas fill(Region region, NamedColour colour) {
    double[] paint = {colour.red(), colour.green(), colour.blue()};
    for (int p = 0; p < rgb.length; p++) {
      double coverage = coverage(region, p % size, p / size);
      for (int c = 0; c < 3; c++) {
        rgb[p][c] = coverage * paint[c] + (1 - coverage) * rgb[p][c];
      }
    }
    return this;
  }

  /** The share of the pixel's sample points inside the region. */
  static double coverage(Region region, int x, int y) {
    int inside = 0;
    for (int i = 0; i < SAMPLES; i++) {
      for (int j = 0; j < SAMPLES; j++) {
        if (region.contains(x + (i + 0.5) / SAMPLES, y + (j + 0.5) / SAMPLES)) {
          inside++;
        }
      }
    }
    return inside / (double) (SAMPLES * SAMPLES);
  }

  RgbImage image() {
    byte[] bytes = new byte[rgb.length * 3];
    for (int p = 0; p < rgb.length; p++) {
      for (int c = 0; c < 3; c++) {
        bytes[p * 3 + c] = (byte) Math.round(rgb[p][c]);
      }
    }
    return new RgbImage(size, size, bytes);
  }

  static Region disc(double cx, double cy, double radius) {
    return (x, y) -> (x - cx) * (x - cx) + (y - cy) * (y - cy) <= radius * radius;
  }

  static Region annulus(double cx, double cy, double outer, double inner) {
    Region out = disc(cx, cy, outer);
    Region in = disc(cx, cy, inner);
    return (x, y) -> out.contains(x, y) && !in.contains(x, y);
  }

  /**
   * The polygon through the points (x0, y0, x1, y1, ...), by the even-odd rule: a point is inside
   * when a ray from it to the right crosses the edges an odd number of times.
   */
  static Region polygon(double... xy) {
    return (x, y) -> {
      boolean inside = false;
      int n = xy.length / 2;
      for (int i = 0, j = n - 1; i < n; j = i++) {
        double xi = xy[2 * i];
        double yi = xy[2 * i + 1];
        double xj = xy[2 * j];
        double yj = xy[2 * j + 1];
        if ((yi > y) != (yj > y) && x < xi + (y - yi) * (xj - xi) / (yj - yi)) {
          inside = !inside;
        }
      }
      return inside;
    };
  }

  /**
   * A regular polygon or star: {@code points} corners, alternating radii, first corner at angle.
   */
  static Region star(
      double cx, double cy, int points, double outer, double inner, double firstAngleDegrees) {
    double[] xy = new double[4 * points];
    for (int k = 0; k < 2 * points; k++) {
      double angle = Math.toRadians(firstAngleDegrees + 180.0 * k / points);
      double radius = k % 2 == 0 ? outer : inner;
      xy[2 * k] = cx + radius * Math.cos(angle);
      xy[2 * k + 1] = cy + radius * Math.sin(angle);
    }
    return polygon(xy);
  }

  /** A regular polygon of {@code corners} corners on a circle of the radius. */
  static Region regularPolygon(
      double cx, double cy, int corners, double radius, double firstAngleDegrees) {
    double[] xy = new double[2 * corners];
    for (int k = 0; k < corners; k++) {
      double angle = Math.toRadians(firstAngleDegrees + 360.0 * k / corners);
      xy[2 * k] = cx + radius * Math.cos(angle);
      xy[2 * k + 1] = cy + radius * Math.sin(angle);
    }
    return polygon(xy);
  }
}
