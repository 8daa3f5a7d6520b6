package com.diffusionlab.reports.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LinearScaleTest {

  @Test
  void theDomainWidensToRoundTicksThatCoverTheValues() {
    LinearScale scale = LinearScale.covering(0.3, 9.7, 0, 100);

    assertThat(scale.ticks()).containsExactly(0.0, 2.0, 4.0, 6.0, 8.0, 10.0);
    assertThat(scale.map(0)).isEqualTo(0);
    assertThat(scale.map(5)).isEqualTo(50);
    assertThat(scale.map(10)).isEqualTo(100);
  }

  @Test
  void aYAxisGrowsUpwards() {
    LinearScale scale = LinearScale.covering(0.8, 1.3, 316, 50);

    assertThat(scale.min()).isCloseTo(0.8, within(1e-9));
    assertThat(scale.max()).isCloseTo(1.3, within(1e-9));
    assertThat(scale.map(scale.max())).isCloseTo(50, within(1e-9));
    assertThat(scale.map(scale.min())).isCloseTo(316, within(1e-9));
  }

  @Test
  void aSingleValueIsCentredWithRoomAround() {
    LinearScale scale = LinearScale.covering(4096, 4096, 0, 100);

    assertThat(scale.min()).isLessThan(4096);
    assertThat(scale.max()).isGreaterThan(4096);
    assertThat(scale.map(4096)).isBetween(25.0, 75.0);
    assertThat(LinearScale.covering(0, 0, 0, 100).ticks()).contains(0.0);
  }

  @Test
  void withoutValuesTheScaleIsZeroToOne() {
    LinearScale scale =
        LinearScale.covering(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0, 100);

    assertThat(scale.min()).isZero();
    assertThat(scale.max()).isEqualTo(1);
  }

  @Test
  void labelsHaveTheDecimalsTheStepNeedsAndAPrefixForLargeNumbers() {
    LinearScale fractions = LinearScale.covering(0.04, 0.09, 0, 100);
    LinearScale pixels = LinearScale.covering(4096, 262_144, 0, 100);
    LinearScale negative = LinearScale.covering(-1, 1, 0, 100);

    assertThat(fractions.ticks().stream().map(fractions::label))
        .containsExactly("0.04", "0.05", "0.06", "0.07", "0.08", "0.09");
    assertThat(pixels.label(200_000)).isEqualTo("200k");
    assertThat(pixels.label(0)).isEqualTo("0");
    assertThat(negative.ticks().stream().map(negative::label))
        .containsExactly("-1.0", "-0.5", "0", "0.5", "1.0");
  }
}
