package com.diffusionlab.reports.internal;

/** One entry of a chart's legend: a swatch in the shape of what it names, and a label. */
record LegendEntry(String label, String colour, Mark mark) {

  /** How the legend draws the swatch. */
  enum Mark {
    POINT,
    LINE,
    AREA
  }
}
