package com.diffusionlab.engine.image;

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
    int best = -1;
    long bestSum = Long.MAX_VALUE;
    for (int type = NONE; type <= PAETH; type++) {
      apply(type, pixels, offset, previous, bytesPerPixel, candidates[type]);
      long sum = absoluteSum(candidates[type]);
      if (sum < bestSum) {
        best = type;
        bestSum = sum;
      }
    }
    return candidates[best];
  }

  /** Writes the type byte and the row filtered with {@code type} into {@code out}. */
  static void apply(
      int type, byte[] pixels, int offset, byte[] previous, int bytesPerPixel, byte[] out) {
    out[0] = (byte) type;
    for (int i = 0; i < previous.length; i++) {
      int x = pixels[offset + i] & 0xFF;
      int a = i >= bytesPerPixel ? pixels[offset + i - bytesPerPixel] & 0xFF : 0;
      int b = previous[i] & 0xFF;
      int c = i >= bytesPerPixel ? previous[i - bytesPerPixel] & 0xFF : 0;
      int predictor =
          switch (type) {
            case NONE -> 0;
            case SUB -> a;
            case UP -> b;
            case AVERAGE -> (a + b) >>> 1;
            case PAETH -> paeth(a, b, c);
            default -> throw new IllegalArgumentException("PNG filter type " + type + " unknown");
          };
      out[1 + i] = (byte) (x - predictor);
    }
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

  private static long absoluteSum(byte[] candidate) {
    long sum = 0;
    for (int i = 1; i < candidate.length; i++) {
      sum += Math.abs(candidate[i]);
    }
    return sum;
  }
}
