package com.diffusionlab.engine.shapes;

/**
 * The named colour of an object's core pixels, read as a blend of background and a named colour:
 * thin or blurred shapes may have no pixel of pure colour, and such a pixel lies on the RGB line
 * from the background to its colour, not necessarily nearest to that colour. Each candidate is
 * scored by the distance from the core colour to the best blend holding at least {@link #MIN_BLEND}
 * of it, plus {@link #BLEND_PENALTY} per unit of RGB distance the blend falls short of the pure
 * colour, so that a pure colour beats a blend of two others that passes near it (orange lies
 * between red and yellow, pink between red and white).
 *
 * @param colour the best-scoring colour
 * @param confidence 1 − best score ÷ second-best score: 0 for a tie, 1 for an exact colour
 */
record ColourReading(NamedColour colour, double confidence) {

  /** The least share of its own colour an object's core pixels are taken to have. */
  static final double MIN_BLEND = 0.6;

  static final double BLEND_PENALTY = 0.5;

  /**
   * @param background the background colour
   * @param core the object's core colour
   */
  static ColourReading of(double[] background, double[] core) {
    NamedColour best = null;
    double bestScore = Double.POSITIVE_INFINITY;
    double secondScore = Double.POSITIVE_INFINITY;
    for (NamedColour candidate : NamedColour.values()) {
      double score = score(background, core, candidate);
      if (score < bestScore) {
        secondScore = bestScore;
        bestScore = score;
        best = candidate;
      } else if (score < secondScore) {
        secondScore = score;
      }
    }
    double confidence = secondScore == 0 ? 0 : 1 - bestScore / secondScore;
    return new ColourReading(best, confidence);
  }

  /**
   * The candidate's score; infinite for a candidate too close to the background to have made a
   * foreground pixel.
   */
  private static double score(double[] background, double[] core, NamedColour candidate) {
    double[] toCandidate = {
      candidate.red() - background[0],
      candidate.green() - background[1],
      candidate.blue() - background[2]
    };
    double along = 0;
    double length2 = 0;
    double coreLength2 = 0;
    double[] toCore = new double[3];
    for (int c = 0; c < 3; c++) {
      toCore[c] = core[c] - background[c];
      along += toCore[c] * toCandidate[c];
      length2 += toCandidate[c] * toCandidate[c];
      coreLength2 += toCore[c] * toCore[c];
    }
    double reach = ForegroundSegmentation.FOREGROUND_DISTANCE;
    if (length2 < reach * reach) {
      return Double.POSITIVE_INFINITY;
    }
    double length = Math.sqrt(length2);
    along /= length2;
    double offLine = Math.sqrt(Math.max(coreLength2 - along * along * length2, 0));
    // the share minimising distance + penalty: where the distance's slope equals the penalty's
    double share =
        Math.clamp(
            along
                + BLEND_PENALTY * offLine / (length * Math.sqrt(1 - BLEND_PENALTY * BLEND_PENALTY)),
            MIN_BLEND,
            1);
    double distance2 = 0;
    for (int c = 0; c < 3; c++) {
      double d = toCore[c] - share * toCandidate[c];
      distance2 += d * d;
    }
    return Math.sqrt(distance2) + BLEND_PENALTY * (1 - share) * length;
  }
}
