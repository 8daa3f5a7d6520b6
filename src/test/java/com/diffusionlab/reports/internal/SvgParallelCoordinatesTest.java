package com.diffusionlab.reports.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.diffusionlab.reports.internal.SvgParallelCoordinates.Line;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SvgParallelCoordinatesTest {

  private static final SvgParallelCoordinates CHART =
      new SvgParallelCoordinates(
          "Settings and total time",
          List.of("Steps", "CFG scale", "Total seconds"),
          List.of(
              new Line("euler", List.of(10.0, 7.0, 1.0), "Run 1"),
              new Line("euler_a", List.of(20.0, 9.0, 2.0), "Run 2"),
              new Line("euler", List.of(30.0, 12.0, 3.0), "Run 3")));

  @Test
  void eachObservationIsALineAcrossTheAxesColouredByItsCategory() throws IOException {
    ReportDocument document = ReportDocument.parse(render(CHART));

    assertThat(document.strings("//polyline[@class='series']/title"))
        .containsExactly("Run 1", "Run 2", "Run 3");
    assertThat(document.strings("//polyline[@class='series']/@stroke"))
        .containsExactly(Palette.colour(0), Palette.colour(1), Palette.colour(0));
    assertThat(document.strings("//text"))
        .contains("Steps", "CFG scale", "Total seconds", "euler", "euler_a");
  }

  @Test
  void eachAxisHasItsOwnScaleFromBottomToTop() throws IOException {
    ReportDocument document = ReportDocument.parse(render(CHART));

    // Every axis covers exactly its values (10–30, 7–12, 1–3: already round), the axes
    // are spread evenly from x 64 to 590, and the plot spans y 53 (top) to 316 (bottom).
    List<String> points = document.strings("//polyline[@class='series']/@points");
    assertThat(points.get(0)).startsWith("64,316 327,").endsWith(" 590,316");
    assertThat(points.get(2)).isEqualTo("64,53 327,53 590,53");
  }

  @Test
  void aLineNeedsOneValuePerAxis() {
    assertThatThrownBy(
            () ->
                new SvgParallelCoordinates(
                    "t", List.of("a", "b"), List.of(new Line("x", List.of(1.0), null))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 values for 2 axes");
  }

  private static String render(SvgParallelCoordinates chart) throws IOException {
    StringBuilder out = new StringBuilder();
    chart.writeTo(out);
    return out.toString();
  }
}
