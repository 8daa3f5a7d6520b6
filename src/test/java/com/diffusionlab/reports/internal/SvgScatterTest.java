package com.diffusionlab.reports.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.diffusionlab.reports.internal.SvgScatter.Point;
import com.diffusionlab.reports.internal.SvgScatter.Series;
import java.io.IOException;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SvgScatterTest {

  @Test
  void eachPointIsACircleWhereTheScalesPutItInItsSeriesColour() throws IOException {
    SvgScatter chart =
        new SvgScatter(
            "Time <per> step",
            "Pixels",
            "Seconds",
            List.of(
                new Series(
                    "tiny · cpu", List.of(new Point(0, 0, "Run 1"), new Point(10, 10, "Run 2"))),
                new Series("tiny · cuda", List.of(new Point(5, 2, null)))),
            false);

    String svg = render(chart);
    ReportDocument document = ReportDocument.parse(svg);

    assertThat(document.strings("/svg/@viewBox")).containsExactly("0 0 640 360");
    assertThat(document.strings("//circle[@class='point']/@cx"))
        .containsExactly("64", "620", "342");
    // The plot's top is 53: below the title and one row of legend.
    assertThat(document.strings("//circle[@class='point']/@cy"))
        .containsExactly("316", "53", "263.4");
    assertThat(document.strings("//circle[@class='point']/@fill"))
        .containsExactly(Palette.colour(0), Palette.colour(0), Palette.colour(1));
    assertThat(document.strings("//circle[@class='point']/title"))
        .containsExactly("Run 1", "Run 2");
    assertThat(document.strings("//text")).contains("Time <per> step", "tiny · cpu", "tiny · cuda");
    assertThat(svg).doesNotContain("<per>");
  }

  @Test
  void theIdentityLineRunsCornerToCornerOverADomainBothAxesShare() throws IOException {
    SvgScatter chart =
        new SvgScatter(
            "Estimates",
            "Estimated",
            "Actual",
            List.of(
                new Series("tiny · cpu", List.of(new Point(1, 2, null), new Point(3, 5, null)))),
            true);

    ReportDocument document = ReportDocument.parse(render(chart));

    // Both axes cover 1 to 5: the line goes from the bottom left to the top right of the plot.
    assertThat(document.elements("//line[@stroke-dasharray]"))
        .singleElement()
        .satisfies(
            line -> {
              assertThat(line.getAttribute("x1")).isEqualTo("64");
              assertThat(line.getAttribute("y1")).isEqualTo("316");
              assertThat(line.getAttribute("x2")).isEqualTo("620");
              assertThat(line.getAttribute("y2"))
                  .isEqualTo(document.strings("//circle[@class='point']/@cy").get(1));
            });
    assertThat(document.strings("//circle[@class='point']/@cx").getFirst()).isEqualTo("64");
    assertThat(document.strings("//text")).contains("y = x");
  }

  @Test
  void aLongLegendStopsAtThreeRowsAndCountsTheRest() throws IOException {
    List<Series> series =
        IntStream.range(0, 30)
            .mapToObj(
                i -> new Series("model " + i + " · cuda:" + i, List.of(new Point(i, i, null))))
            .toList();

    ReportDocument document =
        ReportDocument.parse(render(new SvgScatter("Many", "x", "y", series, false)));

    List<String> texts = document.strings("//text");
    long named = texts.stream().filter(text -> text.startsWith("model ")).count();
    assertThat(texts).contains("+" + (30 - named) + " more");
    assertThat(named).isBetween(6L, 29L);
    assertThat(document.count("//circle[@class='point']")).isEqualTo(30);
    assertThat(document.strings("//text/@y").stream().map(Double::parseDouble))
        .as("nothing is drawn below the bottom edge")
        .allMatch(y -> y <= 360);
  }

  @Test
  void aPointNeedsFiniteCoordinates() {
    assertThatThrownBy(() -> new Point(Double.NaN, 1, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  static String render(SvgScatter chart) throws IOException {
    StringBuilder out = new StringBuilder();
    chart.writeTo(out);
    return out.toString();
  }
}
