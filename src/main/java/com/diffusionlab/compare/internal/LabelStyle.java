package com.diffusionlab.compare.internal;

import java.awt.Font;

/** The three kinds of text on a sweep grid, each a sans-serif font relative to the label size. */
enum LabelStyle {
  /** The grid's title and each Z grid's title. */
  HEADING(Font.BOLD, 1.25f),
  /** The X and Y axis titles. */
  AXIS(Font.BOLD, 1f),
  /** Column and row labels, and a missing cell's reason. */
  VALUE(Font.PLAIN, 1f);

  private final int fontStyle;
  private final float scale;

  LabelStyle(int fontStyle, float scale) {
    this.fontStyle = fontStyle;
    this.scale = scale;
  }

  Font font(int labelSize) {
    return new Font(Font.SANS_SERIF, fontStyle, Math.round(labelSize * scale));
  }
}
