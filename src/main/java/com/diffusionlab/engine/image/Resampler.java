package com.diffusionlab.engine.image;

/**
 * Separable convolution resize of interleaved 8-bit pixels, computed as Pillow's {@code Resample.c}
 * does for 8-bit modes: coefficients normalised then fixed to 22 fractional bits, horizontal pass
 * first with its result rounded to 8 bits, then the vertical pass. Matching it keeps init images
 * and masks identical to those AUTOMATIC1111 and diffusers feed their VAE.
 */
final class Resampler {
  private static final int PRECISION_BITS = 32 - 8 - 2;
  private static final int HALF = 1 << (PRECISION_BITS - 1);

  private Resampler() {}

  /** One output position's source window and its fixed-point weights. */
  private record Window(int first, int[] weights) {}

  static byte[] resize(
      byte[] pixels,
      int width,
      int height,
      int channels,
      int newWidth,
      int newHeight,
      ResizeFilter filter) {
    byte[] current = pixels;
    if (newWidth != width) {
      current =
          horizontal(current, width, height, channels, windows(width, newWidth, filter), newWidth);
    }
    if (newHeight != height) {
      current =
          vertical(current, newWidth, channels, windows(height, newHeight, filter), newHeight);
    }
    return current == pixels ? pixels.clone() : current;
  }

  private static Window[] windows(int inSize, int outSize, ResizeFilter filter) {
    double scale = (double) inSize / outSize;
    double filterScale = Math.max(scale, 1.0);
    double support = filter.support() * filterScale;
    // A multiplication by the reciprocal, not a division: the last bit matters to match Pillow.
    double inverse = 1.0 / filterScale;
    Window[] windows = new Window[outSize];
    for (int out = 0; out < outSize; out++) {
      double center = (out + 0.5) * scale;
      // Pillow rounds the window ends with a truncating cast; kept so the windows are identical.
      int first = Math.max((int) (center - support + 0.5), 0);
      int end = Math.min((int) (center + support + 0.5), inSize);
      double[] raw = new double[end - first];
      double sum = 0.0;
      for (int i = 0; i < raw.length; i++) {
        raw[i] = filter.weight((i + first - center + 0.5) * inverse);
        sum += raw[i];
      }
      int[] fixed = new int[raw.length];
      for (int i = 0; i < raw.length; i++) {
        double w = sum != 0.0 ? raw[i] / sum : raw[i];
        fixed[i] =
            (int) (w < 0 ? -0.5 + w * (1 << PRECISION_BITS) : 0.5 + w * (1 << PRECISION_BITS));
      }
      windows[out] = new Window(first, fixed);
    }
    return windows;
  }

  private static byte[] horizontal(
      byte[] in, int width, int height, int channels, Window[] windows, int newWidth) {
    byte[] out = new byte[newWidth * height * channels];
    for (int y = 0; y < height; y++) {
      int rowIn = y * width * channels;
      int rowOut = y * newWidth * channels;
      for (int x = 0; x < newWidth; x++) {
        Window w = windows[x];
        for (int c = 0; c < channels; c++) {
          int acc = HALF;
          for (int i = 0; i < w.weights().length; i++) {
            acc += (in[rowIn + (w.first() + i) * channels + c] & 0xFF) * w.weights()[i];
          }
          out[rowOut + x * channels + c] = clip8(acc);
        }
      }
    }
    return out;
  }

  private static byte[] vertical(
      byte[] in, int width, int channels, Window[] windows, int newHeight) {
    int rowLength = width * channels;
    byte[] out = new byte[rowLength * newHeight];
    for (int y = 0; y < newHeight; y++) {
      Window w = windows[y];
      for (int i = 0; i < rowLength; i++) {
        int acc = HALF;
        for (int k = 0; k < w.weights().length; k++) {
          acc += (in[(w.first() + k) * rowLength + i] & 0xFF) * w.weights()[k];
        }
        out[y * rowLength + i] = clip8(acc);
      }
    }
    return out;
  }

  private static byte clip8(int acc) {
    return (byte) Math.clamp(acc >> PRECISION_BITS, 0, 255);
  }
}
