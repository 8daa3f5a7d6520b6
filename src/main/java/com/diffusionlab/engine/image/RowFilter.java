package com.diffusionlab.engine.image;

import java.util.Arrays;

/**
 * PNG row filtering (specification section 9) with the usual adaptive choice: every filter type is
 * tried and the one whose output has the smallest sum of absolute values (bytes read as signed) is
 * kept, the lowest type number winning ties. A pure function of the pixels, hence deterministic.
 */
final class RowFilter {
  static final int NONE = 0;
  static final int SUB = 1;
  static final int UP = 2;
  static final int AVERAGE = 3;
  static final int PAETH = 4;

  private RowFilter() {}

  /**
   * Filters the row of {@code previous.length} bytes at {@code offset} with the best type.
   *
   * @param candidates one scratch array per filter type, each {@code 1 + row length} long
   * @return the chosen candidate: filter type byte, then the filtered row
   */
  static byte[] filter(
      byte[] pixels, int offset, byte[] previous, int bytesPerPixel, byte[][] candidates) {
    int length = previous.length;
    if (Arrays.equals(pixels, offset, offset + length, previous, 0, length)) {
      // A repeated row (gaps, margins, flat areas of large images) filters to zeros under Up, the
      // lowest type with a zero sum unless the row is zeros itself, which None already gives.
      byte[] zeros = candidates[UP];
      Arrays.fill(zeros, 1, length + 1, (byte) 0);
      int type = Arrays.equals(pixels, offset, offset + length, zeros, 1, length + 1) ? NONE : UP;
      byte[] chosen = candidates[type];
      Arrays.fill(chosen, 1, length + 1, (byte) 0);
      chosen[0] = (byte) type;
      return chosen;
    }
    int best = NONE;
    long bestSum = Long.MAX_VALUE;
    for (int type = NONE; type <= PAETH; type++) {
      long sum = applyAndSum(type, pixels, offset, previous, bytesPerPixel, candidates[type]);
      if (sum < bestSum) {
        best = type;
        bestSum = sum;
        // Sums are never negative and ties go to the lower type: nothing beats a zero sum.
        if (sum == 0) {
          break;
        }
      }
    }
    return candidates[best];
  }

  /** Writes the type byte and the row filtered with {@code type} into {@code out}. */
  static void apply(
      int type, byte[] pixels, int offset, byte[] previous, int bytesPerPixel, byte[] out) {
    applyAndSum(type, pixels, offset, previous, bytesPerPixel, out);
  }

  /**
   * {@link #apply}, returning the sum of the filtered bytes' absolute values read as signed. One
   * loop per type, and the first pixel (no left neighbour) apart, so that the JIT compiles each
   * into straight code: adaptive filtering is most of the cost of writing a large PNG.
   */
  private static long applyAndSum(
      int type, byte[] pixels, int offset, byte[] previous, int bytesPerPixel, byte[] out) {
    out[0] = (byte) type;
    int length = previous.length;
    int first = Math.min(bytesPerPixel, length);
    long sum = 0;
    switch (type) {
      case NONE -> {
        for (int i = 0; i < length; i++) {
          byte v = pixels[offset + i];
          out[1 + i] = v;
          sum += Math.abs(v);
        }
      }
      case SUB -> {
        for (int i = 0; i < first; i++) {
          byte v = pixels[offset + i];
          out[1 + i] = v;
          sum += Math.abs(v);
        }
        for (int i = first; i < length; i++) {
          byte v = (byte) (pixels[offset + i] - pixels[offset + i - bytesPerPixel]);
          out[1 + i] = v;
          sum += Math.abs(v);
        }
      }
      case UP -> {
        for (int i = 0; i < length; i++) {
          byte v = (byte) (pixels[offset + i] - previous[i]);
          out[1 + i] = v;
          sum += Math.abs(v);
        }
      }
      case AVERAGE -> {
        for (int i = 0; i < first; i++) {
          byte v = (byte) (pixels[offset + i] - ((previous[i] & 0xFF) >>> 1));
          out[1 + i] = v;
          sum += Math.abs(v);
        }
        for (int i = first; i < length; i++) {
          int a = pixels[offset + i - bytesPerPixel] & 0xFF;
          byte v = (byte) (pixels[offset + i] - ((a + (previous[i] & 0xFF)) >>> 1));
          out[1 + i] = v;
          sum += Math.abs(v);
        }
      }
      case PAETH -> {
        // Without a left neighbour a = c = 0, and the Paeth predictor is the up neighbour b.
        for (int i = 0; i < first; i++) {
          byte v = (byte) (pixels[offset + i] - previous[i]);
          out[1 + i] = v;
          sum += Math.abs(v);
        }
        for (int i = first; i < length; i++) {
          int a = pixels[offset + i - bytesPerPixel] & 0xFF;
          int b = previous[i] & 0xFF;
          int c = previous[i - bytesPerPixel] & 0xFF;
          byte v = (byte) (pixels[offset + i] - paeth(a, b, c));
          out[1 + i] = v;
          sum += Math.abs(v);
        }
      }
      default -> throw new IllegalArgumentException("PNG filter type " + type + " unknown");
    }
    return sum;
  }

  static int paeth(int a, int b, int c) {
    int p = a + b - c;
    int pa = Math.abs(p - a);
    int pb = Math.abs(p - b);
    int pc = Math.abs(p - c);
    if (pa <= pb && pa <= pc) {
      return a;
    }
    return pb <= pc ? b : c;
  }
}
