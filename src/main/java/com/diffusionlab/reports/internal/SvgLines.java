package com.diffusionlab.reports.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A line chart as inline SVG: lines through points and shaded bands between a low and a high value,
 * e.g. one line per run, or a median line inside its min–max band when there are too many runs for
 * lines of their own. Band {@code i} takes the colour of line {@code i}.
 */
public record SvgLines(
    String title, String xTitle, String yTitle, List<Line> lines, List<Band> bands) {

  public SvgLines {
    lines = List.copyOf(lines);
    bands = List.copyOf(bands);
  }

  /** Writes the {@code <svg>} element. */
  public void writeTo(Appendable out) throws IOException {
    List<LegendEntry> legend = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      legend.add(new LegendEntry(lines.get(i).name(), Palette.colour(i), LegendEntry.Mark.LINE));
    }
    for (int i = 0; i < bands.size(); i++) {
      legend.add(new LegendEntry(bands.get(i).name(), Palette.colour(i), LegendEntry.Mark.AREA));
    }
    ChartFrame frame = new ChartFrame(title, legend);
    SvgCanvas canvas = frame.open(out);
    Bounds bounds = bounds();
    LinearScale x =
        LinearScale.covering(bounds.left, bounds.right, ChartFrame.LEFT, ChartFrame.RIGHT);
    LinearScale y =
        LinearScale.covering(bounds.low, bounds.high, ChartFrame.BOTTOM, frame.plotTop());
    new CartesianAxes(x, y, xTitle, yTitle).draw(canvas);
    for (int i = 0; i < bands.size(); i++) {
      List<Span> spans = bands.get(i).spans();
      double[] outline = new double[spans.size() * 4];
      for (int j = 0; j < spans.size(); j++) {
        Span span = spans.get(j);
        int back = outline.length - 2 * (j + 1);
        outline[2 * j] = x.map(span.x());
        outline[2 * j + 1] = y.map(span.high());
        outline[back] = x.map(span.x());
        outline[back + 1] = y.map(span.low());
      }
      canvas.polygon(outline, Palette.colour(i), 0.25, bands.get(i).name());
    }
    for (int i = 0; i < lines.size(); i++) {
      List<Point> points = lines.get(i).points();
      double[] path = new double[points.size() * 2];
      for (int j = 0; j < points.size(); j++) {
        path[2 * j] = x.map(points.get(j).x());
        path[2 * j + 1] = y.map(points.get(j).y());
      }
      canvas.polyline(path, Palette.colour(i), 1.5, 0.9, lines.get(i).name());
    }
    canvas.close();
  }

  private Bounds bounds() {
    Bounds bounds =
        new Bounds(
            Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY,
            Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY);
    for (Line line : lines) {
      for (Point point : line.points()) {
        bounds = bounds.include(point.x(), point.y(), point.y());
      }
    }
    for (Band band : bands) {
      for (Span span : band.spans()) {
        bounds = bounds.include(span.x(), span.low(), span.high());
      }
    }
    return bounds;
  }

  private record Bounds(double left, double right, double low, double high) {
    Bounds include(double x, double low, double high) {
      return new Bounds(
          Math.min(left, x),
          Math.max(right, x),
          Math.min(this.low, low),
          Math.max(this.high, high));
    }
  }

  /** A line through points in order, named in the legend and on hover. */
  public record Line(String name, List<Point> points) {

    public Line {
      points = List.copyOf(points);
    }
  }

  /** A point of a line. */
  public record Point(double x, double y) {}

  /** A shaded area between a low and a high value at each x, named in the legend and on hover. */
  public record Band(String name, List<Span> spans) {

    public Band {
      spans = List.copyOf(spans);
    }
  }

  /** Where a band lies at one x. */
  public record Span(double x, double low, double high) {}
}
