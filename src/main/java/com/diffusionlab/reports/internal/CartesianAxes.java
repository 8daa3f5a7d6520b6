package com.diffusionlab.reports.internal;

import java.io.IOException;

/**
 * The x and y axes around a chart's plot area: light grid lines at the ticks, tick labels, axis
 * lines and titles. The scales' drawing ranges are the plot area.
 */
record CartesianAxes(LinearScale x, LinearScale y, String xTitle, String yTitle) {

  private static final String GRID = "#e5e8eb";
  private static final String AXIS = "#59636e";

  void draw(SvgCanvas canvas) throws IOException {
    double left = x.from();
    double right = x.to();
    double bottom = y.from();
    double top = y.to();
    for (double tick : x.ticks()) {
      double at = x.map(tick);
      canvas.line(at, top, at, bottom, GRID, 1, false);
      canvas.text(at, bottom + 15, "middle", x.label(tick));
    }
    for (double tick : y.ticks()) {
      double at = y.map(tick);
      canvas.line(left, at, right, at, GRID, 1, false);
      canvas.text(left - 6, at + 4, "end", y.label(tick));
    }
    canvas.line(left, bottom, right, bottom, AXIS, 1, false);
    canvas.line(left, top, left, bottom, AXIS, 1, false);
    canvas.text((left + right) / 2, bottom + 34, "middle", xTitle);
    canvas.verticalText(16, (top + bottom) / 2, yTitle);
  }
}
