package com.diffusionlab.engine.shapes;

import java.util.List;
import java.util.Map;

/**
 * The kind of shape an object's coverage points to: a ring leaves its centroid uncovered (less than
 * {@link #RING_CENTRE_COVERAGE}); otherwise each of triangle, square and star is scored by its
 * symmetry measure as a fraction of its exact outline's, and the best scoring one wins if it
 * reaches {@link #SYMMETRY_SCORE}; below that the shape has no corners to speak of: a circle.
 *
 * @param kind the verdict
 * @param confidence the margin to the threshold that decided, scaled to 1 at {@link
 *     #CONFIDENT_MARGIN}
 * @param centreCoverage coverage at the centroid
 * @param triangleScore 3-fold symmetry as a fraction of an exact triangle's
 * @param squareScore 4-fold symmetry as a fraction of an exact square's
 * @param starScore 5-fold symmetry as a fraction of an exact star's
 */
record ShapeReading(
    ShapeKind kind,
    double confidence,
    double centreCoverage,
    double triangleScore,
    double squareScore,
    double starScore) {

  static final double RING_CENTRE_COVERAGE = 0.5;

  /**
   * Above what damage gives a circle (at most 0.28 seen, blurred twice, colours shifted by up to 40
   * and noise of σ ≈ 11) and below what blur leaves of a small star (0.3 to 0.6 after two blurs).
   */
  static final double SYMMETRY_SCORE = 0.35;

  static final double CONFIDENT_MARGIN = 0.25;

  private static final List<ShapeKind> CORNERED =
      List.of(ShapeKind.TRIANGLE, ShapeKind.SQUARE, ShapeKind.STAR);

  /**
   * @param measured the object's moments
   * @param centreCoverage the coverage at its centroid
   * @param outlines the moments of the kinds' exact outlines
   */
  static ShapeReading of(
      ShapeMoments measured, double centreCoverage, Map<ShapeKind, ShapeMoments> outlines) {
    double[] scores = new double[CORNERED.size()];
    ShapeKind best = ShapeKind.CIRCLE;
    double bestScore = 0;
    for (int i = 0; i < scores.length; i++) {
      ShapeKind kind = CORNERED.get(i);
      int order = ShapeMoments.symmetryOrder(kind);
      scores[i] = measured.symmetry(order) / outlines.get(kind).symmetry(order);
      if (scores[i] > bestScore) {
        bestScore = scores[i];
        best = kind;
      }
    }
    ShapeKind kind;
    double margin;
    if (centreCoverage < RING_CENTRE_COVERAGE) {
      kind = ShapeKind.RING;
      margin = RING_CENTRE_COVERAGE - centreCoverage;
    } else {
      kind = bestScore >= SYMMETRY_SCORE ? best : ShapeKind.CIRCLE;
      margin =
          Math.min(Math.abs(bestScore - SYMMETRY_SCORE), centreCoverage - RING_CENTRE_COVERAGE);
    }
    return new ShapeReading(
        kind,
        Math.min(1, margin / CONFIDENT_MARGIN),
        centreCoverage,
        scores[0],
        scores[1],
        scores[2]);
  }
}
