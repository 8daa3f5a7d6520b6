package com.diffusionlab.compare.internal;

import com.diffusionlab.engine.image.RgbImage;

/**
 * Mean structural similarity (SSIM, Wang et al. 2004) of two 8-bit RGB images of the same size, as
 * {@code tf.image.ssim} defines it: an 11×11 Gaussian window with σ = 1.5 normalised to sum 1, K1 =
 * 0.01, K2 = 0.03, L = 255, local variances and covariance as {@code E[xy] - μx μy}, the SSIM map
 * over the valid region only ('VALID' filtering: every window wholly inside the image, no padding),
 * averaged per channel and then over the three channels. Computed in double precision.
 *
 * <p>A side shorter than 11 pixels shrinks the window along that side to the whole side (a Gaussian
 * with the same σ over that many pixels, centred and normalised to sum 1), so that the valid region
 * is one pixel long there; TensorFlow refuses such images. A 1×1 image thus compares the two pixel
 * values with zero variance.
 *
 * <p>The window is separable: each row is filtered horizontally into a ring of as many rows as the
 * window is tall, and each output row is combined vertically from that ring as soon as it is full,
 * so memory grows with the width only.
 */
final class StructuralSimilarity {
  private static final int WINDOW = 11;
  private static final double SIGMA = 1.5;
  private static final double C1 = square(0.01 * 255);
  private static final double C2 = square(0.03 * 255);
  private static final int CHANNELS = 3;

  private StructuralSimilarity() {}

  /** The mean SSIM of two images of the same size, 1.0 when their pixels are identical. */
  static double mean(RgbImage a, RgbImage b) {
    if (a.width() != b.width() || a.height() != b.height()) {
      throw new IllegalArgumentException(
          "SSIM needs images of the same size, not %d×%d and %d×%d"
              .formatted(a.width(), a.height(), b.width(), b.height()));
    }
    return new Pass(a.width(), a.height()).mean(a.rgb(), b.rgb());
  }

  /** A Gaussian window of {@code size} taps with σ = 1.5, centred, summing to 1. */
  private static double[] gaussian(int size) {
    double[] weights = new double[size];
    double centre = (size - 1) / 2.0;
    double sum = 0;
    for (int i = 0; i < size; i++) {
      weights[i] = Math.exp(-square(i - centre) / (2 * SIGMA * SIGMA));
      sum += weights[i];
    }
    for (int i = 0; i < size; i++) {
      weights[i] /= sum;
    }
    return weights;
  }

  private static double square(double x) {
    return x * x;
  }

  /**
   * The buffers of one computation. The five local moments (means of a, b, a², b², ab) are kept in
   * arrays indexed [moment][x] so that every inner loop runs over contiguous doubles, which the JIT
   * vectorises.
   */
  private static final class Pass {
    private static final int MOMENTS = 5;
    private static final int MEAN_A = 0;
    private static final int MEAN_B = 1;
    private static final int MEAN_AA = 2;
    private static final int MEAN_BB = 3;
    private static final int MEAN_AB = 4;

    private final int width;
    private final int height;
    private final double[] columnWeights;
    private final double[] rowWeights;
    private final int validWidth;
    private final double[][] source;
    private final double[][][] ring;
    private final double[][] local;

    Pass(int width, int height) {
      this.width = width;
      this.height = height;
      columnWeights = gaussian(Math.min(WINDOW, width));
      rowWeights = gaussian(Math.min(WINDOW, height));
      validWidth = width - columnWeights.length + 1;
      source = new double[MOMENTS][width];
      ring = new double[rowWeights.length][MOMENTS][validWidth];
      local = new double[MOMENTS][validWidth];
    }

    double mean(byte[] a, byte[] b) {
      int windowHeight = rowWeights.length;
      double sum = 0;
      for (int channel = 0; channel < CHANNELS; channel++) {
        for (int y = 0; y < height; y++) {
          loadRow(a, b, y, channel);
          double[][] filtered = ring[y % windowHeight];
          for (int m = 0; m < MOMENTS; m++) {
            filterRow(source[m], filtered[m]);
          }
          if (y >= windowHeight - 1) {
            combineRows(y - windowHeight + 1);
            sum += rowSum();
          }
        }
      }
      int validHeight = height - windowHeight + 1;
      return sum / ((double) CHANNELS * validWidth * validHeight);
    }

    private void loadRow(byte[] a, byte[] b, int y, int channel) {
      double[] rowA = source[MEAN_A];
      double[] rowB = source[MEAN_B];
      double[] rowAa = source[MEAN_AA];
      double[] rowBb = source[MEAN_BB];
      double[] rowAb = source[MEAN_AB];
      int offset = y * width * CHANNELS + channel;
      for (int x = 0; x < width; x++) {
        double va = a[offset + x * CHANNELS] & 0xFF;
        double vb = b[offset + x * CHANNELS] & 0xFF;
        rowA[x] = va;
        rowB[x] = vb;
        rowAa[x] = va * va;
        rowBb[x] = vb * vb;
        rowAb[x] = va * vb;
      }
    }

    private void filterRow(double[] in, double[] out) {
      double first = columnWeights[0];
      for (int x = 0; x < validWidth; x++) {
        out[x] = first * in[x];
      }
      for (int k = 1; k < columnWeights.length; k++) {
        double weight = columnWeights[k];
        for (int x = 0; x < validWidth; x++) {
          out[x] += weight * in[x + k];
        }
      }
    }

    /** Filters the ring's rows {@code top .. top + window - 1} vertically into {@link #local}. */
    private void combineRows(int top) {
      int windowHeight = rowWeights.length;
      for (int m = 0; m < MOMENTS; m++) {
        double[] out = local[m];
        double[] first = ring[top % windowHeight][m];
        double weight0 = rowWeights[0];
        for (int x = 0; x < validWidth; x++) {
          out[x] = weight0 * first[x];
        }
        for (int k = 1; k < windowHeight; k++) {
          double[] row = ring[(top + k) % windowHeight][m];
          double weight = rowWeights[k];
          for (int x = 0; x < validWidth; x++) {
            out[x] += weight * row[x];
          }
        }
      }
    }

    private double rowSum() {
      double[] meanA = local[MEAN_A];
      double[] meanB = local[MEAN_B];
      double[] meanAa = local[MEAN_AA];
      double[] meanBb = local[MEAN_BB];
      double[] meanAb = local[MEAN_AB];
      double sum = 0;
      for (int x = 0; x < validWidth; x++) {
        double ma = meanA[x];
        double mb = meanB[x];
        double varianceA = meanAa[x] - ma * ma;
        double varianceB = meanBb[x] - mb * mb;
        double covariance = meanAb[x] - ma * mb;
        sum +=
            (2 * ma * mb + C1)
                * (2 * covariance + C2)
                / ((ma * ma + mb * mb + C1) * (varianceA + varianceB + C2));
      }
      return sum;
    }
  }
}
