package com.diffusionlab.engine.shapes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PositionTest {

  @ParameterizedTest
  @CsvSource({
    "32, 32, CENTRE",
    "40, 24, CENTRE", // 8 off on both axes: still within the centre's reach
    "40.1, 32, RIGHT",
    "16, 32, LEFT",
    "16, 5, TOP", // further up than left
    "30, 60, BOTTOM",
    "52, 52, RIGHT", // a tie between axes goes to the horizontal
    "0, 0, LEFT"
  })
  void placesAGroupByItsMeanCentre(double x, double y, Position expected) {
    assertThat(Position.of(x, y, 64)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
    "LEFT, 16, 32, on the left",
    "TOP, 32, 16, at the top",
    "CENTRE, 32, 32, in the centre"
  })
  void hasANominalPlaceAndAPhrase(Position position, double x, double y, String phrase) {
    assertThat(position.nominalX(64)).isEqualTo(x);
    assertThat(position.nominalY(64)).isEqualTo(y);
    assertThat(String.join(" ", position.phrase())).isEqualTo(phrase);
  }
}
