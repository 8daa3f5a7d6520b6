package com.diffusionlab.compare.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DifferenceColourMapTest {
  private final DifferenceColourMap colours = new DifferenceColourMap();

  @Test
  void runsFromBlackToWhite() {
    assertThat(colours.packedColour(0)).isZero();
    assertThat(colours.packedColour(DifferenceColourMap.LEVELS - 1)).isEqualTo(0xFFFFFF);
  }

  @Test
  void passesThroughRedOrangeAndYellow() {
    assertThat(colours.packedColour(64)).isEqualTo(rgb(117, 0, 0));
    assertThat(colours.packedColour(140)).isEqualTo(rgb(240, 100, 0));
    assertThat(colours.packedColour(204)).isEqualTo(rgb(255, 220, 0));
  }

  @Test
  void everyLevelIsBrighterThanTheOneBelow() {
    double previous = -1;
    for (int level = 0; level < DifferenceColourMap.LEVELS; level++) {
      double luma = luma(colours.packedColour(level));
      assertThat(luma).as("luma of level %d", level).isGreaterThan(previous);
      previous = luma;
    }
  }

  @Test
  void scalesDifferencesToTheLargestAndShowsEveryNonZeroOne() {
    byte[] differences = {0, 1, 100, (byte) 200};

    int[] heat = colours.render(4, 1, differences, 200).toPackedRgb();

    assertThat(heat[0]).isZero();
    assertThat(heat[1]).isEqualTo(colours.packedColour(2));
    assertThat(heat[2]).isEqualTo(colours.packedColour(128));
    assertThat(heat[3]).isEqualTo(0xFFFFFF);
  }

  @Test
  void noDifferenceAtAllIsBlack() {
    assertThat(colours.render(2, 2, new byte[4], 0).rgb()).containsOnly(0);
  }

  private static int rgb(int red, int green, int blue) {
    return red << 16 | green << 8 | blue;
  }

  private static double luma(int packed) {
    return 0.2126 * (packed >> 16 & 0xFF)
        + 0.7152 * (packed >> 8 & 0xFF)
        + 0.0722 * (packed & 0xFF);
  }
}
