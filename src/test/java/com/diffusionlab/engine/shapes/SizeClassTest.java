package com.diffusionlab.engine.shapes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SizeClassTest {

  @ParameterizedTest
  @CsvSource({"3, SMALL", "12, SMALL", "13.99, SMALL", "14, LARGE", "16, LARGE", "40, LARGE"})
  void splitsMeasuredExtentsHalfwayBetweenTheClasses(double extent, SizeClass expected) {
    // small ends at 12, large starts at 16: the split is at 14
    assertThat(SizeClass.ofExtent(extent)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
    "SMALL, 10, true",
    "SMALL, 12, true",
    "SMALL, 12.01, false",
    "LARGE, 15.99, false",
    "LARGE, 18, true"
  })
  void admitsExtentsWithinItsRange(SizeClass size, double extent, boolean admitted) {
    assertThat(size.admits(extent)).isEqualTo(admitted);
  }
}
