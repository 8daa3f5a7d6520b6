package com.diffusionlab.scheduling.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class QuantilesTest {

  @Test
  void interpolatesBetweenSortedValues() {
    Quantiles q = Quantiles.of(5, 1, 3, 2, 4);

    assertThat(q.median()).isEqualTo(3);
    assertThat(q.at(0)).isEqualTo(1);
    assertThat(q.at(1)).isEqualTo(5);
    assertThat(q.at(0.1)).isCloseTo(1.4, within(1e-12));
    assertThat(Quantiles.of(1, 2).median()).isEqualTo(1.5);
  }

  @Test
  void refusesAnEmptySample() {
    assertThatThrownBy(() -> Quantiles.of()).isInstanceOf(IllegalArgumentException.class);
  }
}
