package com.diffusionlab.engine.image;

/**
 * Resampling kernels with Pillow's definitions and supports, so that a resize gives the pixels
 * {@code Image.resize} gives in AUTOMATIC1111 ({@link #LANCZOS}) and diffusers (also {@link
 * #LANCZOS} by default).
 */
public enum ResizeFilter {
  /** Area average when shrinking, nearest neighbour when enlarging. */
  BOX(0.5) {
    @Override
    double weight(double x) {
      return x > -0.5 && x <= 0.5 ? 1.0 : 0.0;
    }
  },
  /** Triangle (linear) kernel. */
  BILINEAR(1.0) {
    @Override
    double weight(double x) {
      double ax = Math.abs(x);
      return ax < 1.0 ? 1.0 - ax : 0.0;
    }
  },
  /** Keys' cubic convolution with a = -0.5. */
  BICUBIC(2.0) {
    @Override
    double weight(double x) {
      double a = -0.5;
      double ax = Math.abs(x);
      if (ax < 1.0) {
        return ((a + 2.0) * ax - (a + 3.0)) * ax * ax + 1;
      }
      if (ax < 2.0) {
        return (((ax - 5) * ax + 8) * ax - 4) * a;
      }
      return 0.0;
    }
  },
  /** Sinc windowed by sinc over three lobes. */
  LANCZOS(3.0) {
    @Override
    double weight(double x) {
      return -3.0 <= x && x < 3.0 ? sinc(x) * sinc(x / 3) : 0.0;
    }
  };

  private final double support;

  ResizeFilter(double support) {
    this.support = support;
  }

  /** Half-width of the kernel, in source pixels, when not shrinking. */
  double support() {
    return support;
  }

  abstract double weight(double x);

  // StrictMath: the same bits on every JVM and CPU, so a resized init image replays exactly.
  private static double sinc(double x) {
    if (x == 0.0) {
      return 1.0;
    }
    double px = x * Math.PI;
    return StrictMath.sin(px) / px;
  }
}
