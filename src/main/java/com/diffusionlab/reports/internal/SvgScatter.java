package com.diffusionlab.reports.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * A scatter plot as inline SVG: one colour per series, a legend, axes with round ticks, and
 * optionally the line y = x (both axes then share one domain, so that the line is the diagonal).
 *
 * @param series drawn in order, series {@code i} in {@link Palette#colour} {@code i}
 * @param identityLine whether to draw y = x, for "predicted against actual"
 */
public record SvgScatter(
    String title, String xTitle, String yTitle, List<Series> series, boolean identityLine) {

  private static final String IDENTITY_COLOUR = "#8c959f";

  public SvgScatter {
    series = List.copyOf(series);
  }

  /** Writes the {@code <svg>} element. */
  public void writeTo(Appendable out) throws IOException {
    List<LegendEntry> legend = new ArrayList<>();
    for (int i = 0; i < series.size(); i++) {
      legend.add(new LegendEntry(series.get(i).name(), Palette.colour(i), LegendEntry.Mark.POINT));
    }
    if (identityLine) {
      legend.add(new LegendEntry("y = x", IDENTITY_COLOUR, LegendEntry.Mark.LINE));
    }
    ChartFrame frame = new ChartFrame(title, legend);
    SvgCanvas canvas = frame.open(out);
    double[] xs = range(Point::x);
    double[] ys = range(Point::y);
    if (identityLine) {
      xs = new double[] {Math.min(xs[0], ys[0]), Math.max(xs[1], ys[1])};
      ys = xs;
    }
    LinearScale x = LinearScale.covering(xs[0], xs[1], ChartFrame.LEFT, ChartFrame.RIGHT);
    LinearScale y = LinearScale.covering(ys[0], ys[1], ChartFrame.BOTTOM, frame.plotTop());
    new CartesianAxes(x, y, xTitle, yTitle).draw(canvas);
    if (identityLine) {
      double low = Math.max(x.min(), y.min());
      double high = Math.min(x.max(), y.max());
      canvas.line(x.map(low), y.map(low), x.map(high), y.map(high), IDENTITY_COLOUR, 1, true);
    }
    for (int i = 0; i < series.size(); i++) {
      for (Point point : series.get(i).points()) {
        canvas.circle(x.map(point.x()), y.map(point.y()), 3.5, Palette.colour(i), point.tooltip());
      }
    }
    canvas.close();
  }

  private double[] range(ToDoubleFunction<Point> coordinate) {
    double[] range = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
    for (Series one : series) {
      for (Point point : one.points()) {
        range[0] = Math.min(range[0], coordinate.applyAsDouble(point));
        range[1] = Math.max(range[1], coordinate.applyAsDouble(point));
      }
    }
    return range;
  }

  /** Points of one colour, named in the legend. */
  public record Series(String name, List<Point> points) {

    public Series {
      points = List.copyOf(points);
    }
  }

  /**
   * @param tooltip shown on hover, e.g. which run the point is; may be null
   */
  public record Point(double x, double y, String tooltip) {

    public Point {
      if (!Double.isFinite(x) || !Double.isFinite(y)) {
        throw new IllegalArgumentException("a point needs finite coordinates: " + x + ", " + y);
      }
    }
  }
}
