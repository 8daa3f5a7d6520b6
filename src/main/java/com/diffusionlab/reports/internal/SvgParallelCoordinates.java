package com.diffusionlab.reports.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parallel-coordinates plot as inline SVG: one vertical axis per variable, each with its own
 * scale, and one line per observation (a run) across them, coloured by a category.
 *
 * @param axes the axis titles, left to right
 * @param lines each with one value per axis; categories take colours in order of appearance
 */
public record SvgParallelCoordinates(String title, List<String> axes, List<Line> lines) {

  private static final String AXIS = "#59636e";
  private static final double TITLE_GAP = 16;

  public SvgParallelCoordinates {
    axes = List.copyOf(axes);
    lines = List.copyOf(lines);
    for (Line line : lines) {
      if (line.values().size() != axes.size()) {
        throw new IllegalArgumentException(
            "a line has " + line.values().size() + " values for " + axes.size() + " axes");
      }
    }
  }

  /** Writes the {@code <svg>} element. */
  public void writeTo(Appendable out) throws IOException {
    Map<String, String> colours = new LinkedHashMap<>();
    for (Line line : lines) {
      colours.computeIfAbsent(line.category(), category -> Palette.colour(colours.size()));
    }
    List<LegendEntry> legend = new ArrayList<>();
    colours.forEach(
        (category, colour) -> legend.add(new LegendEntry(category, colour, LegendEntry.Mark.LINE)));
    ChartFrame frame = new ChartFrame(title, legend);
    SvgCanvas canvas = frame.open(out);
    List<LinearScale> scales = scales(frame.plotTop());
    double[] xs = positions();
    for (int i = 0; i < axes.size(); i++) {
      canvas.line(xs[i], frame.plotTop(), xs[i], ChartFrame.BOTTOM, AXIS, 1, false);
      // Many axes leave too little room for their titles side by side: stagger them.
      double stagger = axes.size() > 5 && i % 2 == 1 ? 13 : 0;
      canvas.text(xs[i], ChartFrame.BOTTOM + TITLE_GAP + stagger, "middle", axes.get(i));
    }
    // Hundreds of lines at full strength merge into one blot; fainter lines keep the density.
    double opacity = Math.clamp(3 / Math.sqrt(lines.size()), 0.12, 0.7);
    for (Line line : lines) {
      double[] path = new double[axes.size() * 2];
      for (int i = 0; i < axes.size(); i++) {
        path[2 * i] = xs[i];
        path[2 * i + 1] = scales.get(i).map(line.values().get(i));
      }
      canvas.polyline(path, colours.get(line.category()), 1.2, opacity, line.tooltip());
    }
    // Tick labels last, with a white halo, so that the lines do not hide them.
    for (int i = 0; i < axes.size(); i++) {
      LinearScale scale = scales.get(i);
      for (double tick : scale.ticks()) {
        canvas.line(xs[i] - 3, scale.map(tick), xs[i], scale.map(tick), AXIS, 1, false);
        canvas.haloText(xs[i] - 5, scale.map(tick) + 4, "end", scale.label(tick));
      }
    }
    canvas.close();
  }

  /** Axes spread evenly, leaving room on the left for the first axis's tick labels. */
  private double[] positions() {
    double[] xs = new double[axes.size()];
    double span = ChartFrame.RIGHT - 30 - ChartFrame.LEFT;
    for (int i = 0; i < xs.length; i++) {
      xs[i] =
          xs.length == 1 ? ChartFrame.WIDTH / 2.0 : ChartFrame.LEFT + span * i / (xs.length - 1);
    }
    return xs;
  }

  private List<LinearScale> scales(double top) {
    List<LinearScale> scales = new ArrayList<>();
    for (int i = 0; i < axes.size(); i++) {
      int axis = i;
      double low = lines.stream().mapToDouble(l -> l.values().get(axis)).min().orElse(0);
      double high = lines.stream().mapToDouble(l -> l.values().get(axis)).max().orElse(1);
      scales.add(LinearScale.covering(low, high, ChartFrame.BOTTOM, top));
    }
    return scales;
  }

  /**
   * One observation across the axes.
   *
   * @param values one finite value per axis, in axis order
   * @param tooltip shown on hover; may be null
   */
  public record Line(String category, List<Double> values, String tooltip) {

    public Line {
      values = List.copyOf(values);
      if (values.stream().anyMatch(value -> !Double.isFinite(value))) {
        throw new IllegalArgumentException("a line needs finite values: " + values);
      }
    }
  }
}
