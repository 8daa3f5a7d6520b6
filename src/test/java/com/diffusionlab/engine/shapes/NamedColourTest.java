package com.diffusionlab.engine.shapes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NamedColourTest {

  @Test
  void keepsEveryTwoColoursAtLeastOneHundredApart() {
    double closest = Double.POSITIVE_INFINITY;
    for (NamedColour a : NamedColour.values()) {
      for (NamedColour b : NamedColour.values()) {
        if (a != b) {
          closest = Math.min(closest, Math.sqrt(a.squaredDistance(b.red(), b.green(), b.blue())));
        }
      }
    }
    assertThat(closest).isGreaterThanOrEqualTo(100);
  }

  @Test
  void namesAColourShiftedByTwentyAChannelAsItself() {
    for (NamedColour colour : NamedColour.values()) {
      for (int shift = 0; shift < 8; shift++) {
        double r = colour.red() + ((shift & 1) == 0 ? 20 : -20);
        double g = colour.green() + ((shift & 2) == 0 ? 20 : -20);
        double b = colour.blue() + ((shift & 4) == 0 ? 20 : -20);
        assertThat(NamedColour.nearest(r, g, b)).isEqualTo(colour);
      }
    }
  }

  @Test
  void packsAndNames() {
    assertThat(NamedColour.ORANGE.packedRgb()).isEqualTo(0xF5820A);
    assertThat(NamedColour.ORANGE.word()).isEqualTo("orange");
  }
}
