package com.diffusionlab.engine.pipeline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.diffusionlab.engine.image.RgbImage;
import com.diffusionlab.engine.noise.NoiseGenerator;
import com.diffusionlab.engine.noise.NoiseKind;
import com.diffusionlab.engine.vae.AutoencoderKL;

/**
 * A cheap picture of a latent without running the decoder: an affine map from each latent pixel's
 * channels to RGB. The map is fitted once per model by least squares on what the model's own VAE
 * decodes from a few random latents, so it works for any VAE, not just Stable Diffusion's.
 */
final class LatentPreview {

  private static final int PROBES = 6;
  private static final int PROBE_SIDE = 8;

  /** {@code rgb[c] = Σ_k weights[c][k]·latent[k] + weights[c][channels]}. */
  private final double[][] weights;

  private final int channels;

  private LatentPreview(double[][] weights, int channels) {
    this.weights = weights;
    this.channels = channels;
  }

  static LatentPreview fit(AutoencoderKL vae, NDManager parent, DataType dataType) {
    int channels = vae.config().latentChannels();
    int scale = vae.config().downscale();
    int features = channels + 1;
    double[][] normal = new double[features][features];
    double[][] moments = new double[3][features];
    NoiseGenerator random = NoiseKind.TORCH_CPU.create(0);
    try (NDManager manager = parent.newSubManager()) {
      for (int probe = 0; probe < PROBES; probe++) {
        float[] latent = random.randn(1, channels, PROBE_SIDE, PROBE_SIDE);
        NDArray decoded =
            vae.decode(
                    manager
                        .create(latent, new Shape(1, channels, PROBE_SIDE, PROBE_SIDE))
                        .toType(dataType, false))
                .toType(DataType.FLOAT32, false);
        float[] rgb = decoded.toFloatArray();
        int side = PROBE_SIDE * scale;
        for (int y = 0; y < PROBE_SIDE; y++) {
          for (int x = 0; x < PROBE_SIDE; x++) {
            double[] feature = new double[features];
            for (int k = 0; k < channels; k++) {
              feature[k] = latent[(k * PROBE_SIDE + y) * PROBE_SIDE + x];
            }
            feature[channels] = 1;
            for (int c = 0; c < 3; c++) {
              double target = blockMean(rgb, c, side, x * scale, y * scale, scale);
              for (int i = 0; i < features; i++) {
                moments[c][i] += feature[i] * target;
              }
            }
            for (int i = 0; i < features; i++) {
              for (int j = 0; j < features; j++) {
                normal[i][j] += feature[i] * feature[j];
              }
            }
          }
        }
      }
    }
    double[][] weights = new double[3][];
    for (int c = 0; c < 3; c++) {
      weights[c] = solve(normal, moments[c]);
    }
    return new LatentPreview(weights, channels);
  }

  private static double blockMean(float[] chw, int c, int side, int x0, int y0, int scale) {
    double sum = 0;
    for (int y = y0; y < y0 + scale; y++) {
      for (int x = x0; x < x0 + scale; x++) {
        sum += chw[(c * side + y) * side + x];
      }
    }
    return sum / (scale * scale);
  }

  /** Gaussian elimination with partial pivoting on a small symmetric system. */
  private static double[] solve(double[][] matrix, double[] vector) {
    int n = vector.length;
    double[][] a = new double[n][n + 1];
    for (int i = 0; i < n; i++) {
      System.arraycopy(matrix[i], 0, a[i], 0, n);
      a[i][n] = vector[i];
      a[i][i] += 1e-6; // ridge: keeps the system solvable for degenerate decoders
    }
    for (int col = 0; col < n; col++) {
      int pivot = col;
      for (int row = col + 1; row < n; row++) {
        if (Math.abs(a[row][col]) > Math.abs(a[pivot][col])) {
          pivot = row;
        }
      }
      double[] swap = a[col];
      a[col] = a[pivot];
      a[pivot] = swap;
      for (int row = col + 1; row < n; row++) {
        double factor = a[row][col] / a[col][col];
        for (int k = col; k <= n; k++) {
          a[row][k] -= factor * a[col][k];
        }
      }
    }
    double[] solution = new double[n];
    for (int row = n - 1; row >= 0; row--) {
      double sum = a[row][n];
      for (int k = row + 1; k < n; k++) {
        sum -= a[row][k] * solution[k];
      }
      solution[row] = sum / a[row][row];
    }
    return solution;
  }

  /** The first image of a {@code (B, channels, h, w)} latent batch, one pixel per latent pixel. */
  RgbImage render(NDArray latents) {
    Shape shape = latents.getShape();
    int height = (int) shape.get(2);
    int width = (int) shape.get(3);
    float[] values;
    try (NDArray first = latents.get(0)) {
      values = first.toType(DataType.FLOAT32, false).toFloatArray();
    }
    float[] chw = new float[3 * height * width];
    for (int p = 0; p < height * width; p++) {
      for (int c = 0; c < 3; c++) {
        double value = weights[c][channels];
        for (int k = 0; k < channels; k++) {
          value += weights[c][k] * values[k * height * width + p];
        }
        chw[c * height * width + p] = (float) value;
      }
    }
    return RgbImage.fromNormalizedChw(chw, width, height);
  }
}
