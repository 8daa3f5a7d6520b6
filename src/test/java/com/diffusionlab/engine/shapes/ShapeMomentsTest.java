package com.diffusionlab.engine.shapes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ShapeMomentsTest {

  private static final Map<ShapeKind, ShapeMoments> OUTLINES = ShapeMoments.ofOutlines();

  @Test
  void outlineAreasMatchTheirGeometry() {
    // fractions of the extent squared, by hand from the shapes' definitions
    assertThat(OUTLINES.get(ShapeKind.CIRCLE).area()).isCloseTo(Math.PI / 4, within(1e-3));
    assertThat(OUTLINES.get(ShapeKind.SQUARE).area()).isCloseTo(1, within(1e-3));
    assertThat(OUTLINES.get(ShapeKind.TRIANGLE).area()).isCloseTo(Math.sqrt(3) / 4, within(1e-3));
    assertThat(OUTLINES.get(ShapeKind.RING).area())
        .isCloseTo(Math.PI / 4 * (1 - 0.55 * 0.55), within(1e-3));
    // ten triangles of sides R and 0.4R at 36°, R = 1 / (2 sin 72°)
    double outer = 1 / (2 * Math.sin(Math.toRadians(72)));
    double star = 10 * 0.5 * outer * 0.4 * outer * Math.sin(Math.toRadians(36));
    assertThat(OUTLINES.get(ShapeKind.STAR).area()).isCloseTo(star, within(1e-3));
  }

  @Test
  void aSquareHasThreeSeventhsFourFoldSymmetry() {
    // over [-h, h]²: ∫(x + iy)⁴ = ∫x⁴ − 6x²y² + y⁴ = 8h⁶/5 − 24h⁶/9 = −16h⁶/15 and
    // ∫(x² + y²)² = 8h⁶/5 + 8h⁶/9 = 112h⁶/45; the ratio of magnitudes is 3/7
    assertThat(OUTLINES.get(ShapeKind.SQUARE).symmetry4()).isCloseTo(3.0 / 7, within(1e-3));
  }

  @Test
  void eachShapeShowsOnlyItsOwnSymmetry() {
    assertSymmetries(ShapeKind.CIRCLE, false, false, false);
    assertSymmetries(ShapeKind.RING, false, false, false);
    assertSymmetries(ShapeKind.TRIANGLE, true, false, false);
    assertSymmetries(ShapeKind.SQUARE, false, true, false);
    assertSymmetries(ShapeKind.STAR, false, false, true);
  }

  @Test
  void ignoresRotationAndPlace() {
    // the square's corners 20° off the axes, far from the origin, sampled on a fine grid
    int n = 600;
    double[] xs = new double[n * n];
    double[] ys = new double[n * n];
    double[] weights = new double[n * n];
    int count = 0;
    Canvas.Region square = Canvas.regularPolygon(100, -40, 4, 1, 20);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double x = 99 + 2.0 * (i + 0.5) / n;
        double y = -41 + 2.0 * (j + 0.5) / n;
        if (square.contains(x, y)) {
          xs[count] = x;
          ys[count] = y;
          weights[count] = 1;
          count++;
        }
      }
    }
    ShapeMoments moments = ShapeMoments.of(xs, ys, weights, count);
    assertThat(moments.centroidX()).isCloseTo(100, within(1e-3));
    assertThat(moments.centroidY()).isCloseTo(-40, within(1e-3));
    assertThat(moments.symmetry4()).isCloseTo(3.0 / 7, within(2e-3));
  }

  @Test
  void refusesWeightsWithoutMass() {
    assertThatThrownBy(() -> ShapeMoments.of(new double[1], new double[1], new double[1], 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("weights must sum to a positive number, got 0.0");
    assertThatThrownBy(() -> OUTLINES.get(ShapeKind.STAR).symmetry(6))
        .hasMessage("order must be 3, 4 or 5, got 6");
  }

  private static void assertSymmetries(ShapeKind kind, boolean three, boolean four, boolean five) {
    ShapeMoments moments = OUTLINES.get(kind);
    assertThat(moments.symmetry3() > 0.05).as(kind + " 3-fold").isEqualTo(three);
    assertThat(moments.symmetry4() > 0.05).as(kind + " 4-fold").isEqualTo(four);
    assertThat(moments.symmetry5() > 0.05).as(kind + " 5-fold").isEqualTo(five);
  }
}
