package com.diffusionlab.reports.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.diffusionlab.reports.internal.SvgLines.Band;
import com.diffusionlab.reports.internal.SvgLines.Line;
import com.diffusionlab.reports.internal.SvgLines.Point;
import com.diffusionlab.reports.internal.SvgLines.Span;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SvgLinesTest {

  @Test
  void aLinePassesThroughItsPointsAndItsBandEnclosesTheRange() throws IOException {
    SvgLines chart =
        new SvgLines(
            "Seconds per step",
            "Step",
            "Seconds",
            List.of(new Line("median", List.of(new Point(1, 2), new Point(2, 3), new Point(3, 3)))),
            List.of(
                new Band(
                    "min–max", List.of(new Span(1, 1, 4), new Span(2, 2, 5), new Span(3, 0, 3)))));
    StringBuilder out = new StringBuilder();
    chart.writeTo(out);

    ReportDocument document = ReportDocument.parse(out.toString());

    // x 1–3 across 64–620; y 0–5 from 316 up to 53 (one legend row).
    assertThat(document.strings("//polyline[@class='series']/@points"))
        .containsExactly("64,210.8 342,158.2 620,158.2");
    assertThat(document.strings("//polygon[@class='band']/@points"))
        .containsExactly("64,105.6 342,53 620,158.2 620,316 342,210.8 64,263.4");
    assertThat(document.strings("//polygon[@class='band']/@fill"))
        .containsExactly(document.strings("//polyline[@class='series']/@stroke").getFirst());
    assertThat(document.strings("//text")).contains("median", "min–max", "Step", "Seconds");
  }

  @Test
  void oneLinePerSeriesInTurningColours() throws IOException {
    List<Line> lines =
        List.of(
            new Line("Run 1", List.of(new Point(1, 1), new Point(2, 1))),
            new Line("Run 2", List.of(new Point(1, 2), new Point(2, 2))));
    StringBuilder out = new StringBuilder();
    new SvgLines("t", "x", "y", lines, List.of()).writeTo(out);

    ReportDocument document = ReportDocument.parse(out.toString());

    assertThat(document.strings("//polyline[@class='series']/@stroke"))
        .containsExactly(Palette.colour(0), Palette.colour(1));
    assertThat(document.count("//polygon")).isZero();
  }
}
