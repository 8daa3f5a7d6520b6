package com.diffusionlab.engine.shapes;

import java.awt.Shape;
import java.util.EnumMap;
import java.util.Map;

/**
 * Area, centroid and three symmetry measures of a weighted point set (pixels weighted by coverage):
 * for m = 3, 4, 5 the magnitude of the complex moment {@code Σ w·(z − z̄)^m} divided by {@code Σ
 * w·|z − z̄|^m}, a number from 0 to 1.
 *
 * <p>Why these: a shape with k-fold rotational symmetry has a zero m-th moment unless k divides m,
 * so an equilateral triangle shows in m = 3 alone, a square in m = 4, a five-pointed star in m = 5
 * and a circle in none. The measures ignore rotation (a magnitude), scale and translation (taken
 * about the centroid, divided by a moment of the same order), and soft edges change them little.
 *
 * @param area total weight
 * @param centroidX weighted mean x
 * @param centroidY weighted mean y
 * @param symmetry3 the measure for m = 3
 * @param symmetry4 the measure for m = 4
 * @param symmetry5 the measure for m = 5
 */
record ShapeMoments(
    double area,
    double centroidX,
    double centroidY,
    double symmetry3,
    double symmetry4,
    double symmetry5) {

  /** Grid samples per side when integrating an exact outline. */
  private static final int OUTLINE_SAMPLES = 400;

  /** The order of the rotational symmetry that singles out the kind; 0 for circle and ring. */
  static int symmetryOrder(ShapeKind kind) {
    return switch (kind) {
      case TRIANGLE -> 3;
      case SQUARE -> 4;
      case STAR -> ShapeRenderer.STAR_POINTS;
      case CIRCLE, RING -> 0;
    };
  }

  /** The measure of order 3, 4 or 5. */
  double symmetry(int order) {
    return switch (order) {
      case 3 -> symmetry3;
      case 4 -> symmetry4;
      case 5 -> symmetry5;
      default -> throw new IllegalArgumentException("order must be 3, 4 or 5, got " + order);
    };
  }

  /**
   * The moments of the first {@code count} weighted points.
   *
   * @throws IllegalArgumentException if the weights do not sum to a positive number
   */
  static ShapeMoments of(double[] xs, double[] ys, double[] weights, int count) {
    double area = 0;
    double sumX = 0;
    double sumY = 0;
    for (int i = 0; i < count; i++) {
      area += weights[i];
      sumX += weights[i] * xs[i];
      sumY += weights[i] * ys[i];
    }
    if (!(area > 0)) {
      throw new IllegalArgumentException("weights must sum to a positive number, got " + area);
    }
    double cx = sumX / area;
    double cy = sumY / area;
    double[] re = new double[6];
    double[] im = new double[6];
    double[] magnitude = new double[6];
    for (int i = 0; i < count; i++) {
      double x = xs[i] - cx;
      double y = ys[i] - cy;
      double radius = Math.sqrt(x * x + y * y);
      double powerRe = x;
      double powerIm = y;
      double powerRadius = radius;
      for (int m = 2; m <= 5; m++) {
        double nextRe = powerRe * x - powerIm * y;
        powerIm = powerRe * y + powerIm * x;
        powerRe = nextRe;
        powerRadius *= radius;
        re[m] += weights[i] * powerRe;
        im[m] += weights[i] * powerIm;
        magnitude[m] += weights[i] * powerRadius;
      }
    }
    return new ShapeMoments(
        area,
        cx,
        cy,
        Math.hypot(re[3], im[3]) / magnitude[3],
        Math.hypot(re[4], im[4]) / magnitude[4],
        Math.hypot(re[5], im[5]) / magnitude[5]);
  }

  /**
   * The moments of each kind's exact outline at extent 1 (so the area is the fraction of the extent
   * squared it fills), by sampling a fine grid over its bounding square.
   */
  static Map<ShapeKind, ShapeMoments> ofOutlines() {
    Map<ShapeKind, ShapeMoments> moments = new EnumMap<>(ShapeKind.class);
    int n = OUTLINE_SAMPLES;
    double cell = 1.0 / n;
    for (ShapeKind kind : ShapeKind.values()) {
      Shape outline = ShapeRenderer.outline(kind, new PlacedShape(0, 0, 1));
      double[] xs = new double[n * n];
      double[] ys = new double[n * n];
      double[] weights = new double[n * n];
      int count = 0;
      for (int row = 0; row < n; row++) {
        for (int column = 0; column < n; column++) {
          double x = -0.5 + (column + 0.5) * cell;
          double y = -0.5 + (row + 0.5) * cell;
          if (outline.contains(x, y)) {
            xs[count] = x;
            ys[count] = y;
            weights[count] = cell * cell;
            count++;
          }
        }
      }
      moments.put(kind, of(xs, ys, weights, count));
    }
    return moments;
  }
}
