package com.diffusionlab.engine.shapes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ColourReadingTest {

  private static double[] rgb(NamedColour colour) {
    return new double[] {colour.red(), colour.green(), colour.blue()};
  }

  private static double[] blend(NamedColour background, NamedColour colour, double share) {
    double[] a = rgb(background);
    double[] b = rgb(colour);
    return new double[] {
      a[0] + share * (b[0] - a[0]), a[1] + share * (b[1] - a[1]), a[2] + share * (b[2] - a[2])
    };
  }

  @Test
  void namesAPureColourWithFullConfidence() {
    ColourReading reading = ColourReading.of(rgb(NamedColour.WHITE), rgb(NamedColour.PURPLE));
    assertThat(reading.colour()).isEqualTo(NamedColour.PURPLE);
    assertThat(reading.confidence()).isEqualTo(1.0);
  }

  @Test
  void namesAThinShapeThatNeverReachesItsColourByTheBlendItIs() {
    // 70 % orange on white is (244, 163, 79): nearer yellow's (245, 235, 40)? no, but nearest to
    // neither pure colour by much; as a blend it is exactly orange's
    ColourReading reading =
        ColourReading.of(rgb(NamedColour.WHITE), blend(NamedColour.WHITE, NamedColour.ORANGE, 0.7));
    assertThat(reading.colour()).isEqualTo(NamedColour.ORANGE);
    assertThat(reading.confidence()).isGreaterThan(0.3);
  }

  @Test
  void prefersAPureColourToABlendOfTwoOthersPassingNearIt() {
    // orange lies near the half-way blend of yellow (background) and red: it stays orange, even
    // shifted by 20 towards that blend
    double[] orange = rgb(NamedColour.ORANGE);
    double[] shifted = {orange[0] - 15, orange[1] - 5, orange[2] + 20};
    assertThat(ColourReading.of(rgb(NamedColour.YELLOW), shifted).colour())
        .isEqualTo(NamedColour.ORANGE);
    double[] pink = rgb(NamedColour.PINK);
    double[] towardsWhite = {pink[0] - 10, pink[1] + 20, pink[2] + 20};
    assertThat(ColourReading.of(rgb(NamedColour.RED), towardsWhite).colour())
        .isEqualTo(NamedColour.PINK);
  }

  @Test
  void neverNamesTheBackground() {
    // a pixel a little off a red background is no red object
    double[] red = rgb(NamedColour.RED);
    ColourReading reading =
        ColourReading.of(red, new double[] {red[0] + 10, red[1] + 60, red[2] + 10});
    assertThat(reading.colour()).isNotEqualTo(NamedColour.RED);
  }
}
