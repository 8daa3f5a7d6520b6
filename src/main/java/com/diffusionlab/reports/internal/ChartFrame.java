package com.diffusionlab.reports.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What every chart of the report shares: a fixed 640×360 drawing (scaled by a viewBox), a title, a
 * legend under it in up to three rows, and the plot area below the legend.
 */
record ChartFrame(String title, List<LegendEntry> legend) {

  static final int WIDTH = 640;
  static final int HEIGHT = 360;
  static final double LEFT = 64;
  static final double RIGHT = WIDTH - 20;
  static final double BOTTOM = HEIGHT - 44;

  private static final double TITLE_BASELINE = 18;
  private static final double LEGEND_TOP = 28;
  private static final double ROW_HEIGHT = 15;
  private static final int MAX_ROWS = 3;
  // An estimate of the average glyph width at 11 px: SVG text cannot be measured when writing.
  private static final double CHARACTER_WIDTH = 6.8;
  private static final double SWATCH_WIDTH = 18;
  private static final double GAP = 14;
  private static final int LONGEST_LABEL = 40;

  ChartFrame {
    legend = List.copyOf(legend);
  }

  /** Where the plot area starts: below the title and the legend. */
  double plotTop() {
    return LEGEND_TOP + rows() * ROW_HEIGHT + 10;
  }

  /** Starts the SVG and draws the title and the legend. */
  SvgCanvas open(Appendable out) throws IOException {
    SvgCanvas canvas = new SvgCanvas(out);
    canvas.open(WIDTH, HEIGHT, title);
    canvas.boldText(LEFT, TITLE_BASELINE, "start", title);
    List<Placed> placed = layout();
    for (Placed entry : placed) {
      swatch(canvas, entry);
      canvas.text(entry.x + SWATCH_WIDTH + 4, entry.baseline(), "start", shown(entry.entry));
    }
    if (placed.size() < legend.size()) {
      double x = placed.isEmpty() ? LEFT : placed.getLast().end;
      double y = placed.isEmpty() ? LEGEND_TOP + 11 : placed.getLast().baseline();
      canvas.text(x, y, "start", "+" + (legend.size() - placed.size()) + " more");
    }
    return canvas;
  }

  private static void swatch(SvgCanvas canvas, Placed placed) throws IOException {
    LegendEntry entry = placed.entry;
    double middle = placed.baseline() - 4;
    switch (entry.mark()) {
      case POINT -> canvas.dot(placed.x + SWATCH_WIDTH / 2, middle, 4, entry.colour());
      case LINE ->
          canvas.line(placed.x, middle, placed.x + SWATCH_WIDTH, middle, entry.colour(), 2, false);
      case AREA -> canvas.rect(placed.x, middle - 5, SWATCH_WIDTH, 10, entry.colour(), 0.3);
    }
  }

  private int rows() {
    return legend.isEmpty() ? 0 : layout().getLast().row + 1;
  }

  /** The entries that fit, left to right and row by row; room is kept for a "+n more" note. */
  private List<Placed> layout() {
    List<Placed> placed = new ArrayList<>();
    double x = LEFT;
    int row = 0;
    for (LegendEntry entry : legend) {
      double width = SWATCH_WIDTH + 4 + shown(entry).length() * CHARACTER_WIDTH + GAP;
      if (x + width > RIGHT && x > LEFT) {
        if (row == MAX_ROWS - 1) {
          break;
        }
        row++;
        x = LEFT;
      }
      placed.add(new Placed(entry, x, x + width, row));
      x += width;
    }
    boolean allFit = placed.size() == legend.size();
    if (!allFit && !placed.isEmpty() && placed.getLast().end > RIGHT - 60) {
      placed.removeLast();
    }
    return placed;
  }

  private static String shown(LegendEntry entry) {
    String label = entry.label();
    return label.length() <= LONGEST_LABEL ? label : label.substring(0, LONGEST_LABEL - 1) + "…";
  }

  private record Placed(LegendEntry entry, double x, double end, int row) {
    double baseline() {
      return LEGEND_TOP + row * ROW_HEIGHT + 11;
    }
  }
}
