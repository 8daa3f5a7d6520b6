package com.diffusionlab.compare;

import java.util.List;
import java.util.Objects;

/**
 * What a sweep grid image shows (AUTOMATIC1111's X/Y/Z plot): one grid per Z value, stacked top to
 * bottom, each with a column per X value and a row per Y value, every cell drawn at the size the
 * user chose. The pixel margins for the labels follow from the fonts, hence from the cell size.
 *
 * @param title drawn once above everything; empty for none
 * @param x the columns
 * @param y the rows
 * @param gridTitles one title per grid, such as {@code "steps: 30"}; empty for a single grid
 *     without a title (no Z axis)
 * @param cellWidth the width every image is scaled to fit, {@value #MIN_CELL} to {@value #MAX_CELL}
 *     pixels
 * @param cellHeight the height every image is scaled to fit, {@value #MIN_CELL} to {@value
 *     #MAX_CELL} pixels
 * @param gap white pixels between neighbouring cells and between grids, 0 to {@value #MAX_GAP}
 */
public record GridLayout(
    String title,
    GridAxis x,
    GridAxis y,
    List<String> gridTitles,
    int cellWidth,
    int cellHeight,
    int gap) {

  public static final int MIN_CELL = 8;
  public static final int MAX_CELL = 4096;
  public static final int MAX_GAP = 1024;

  public GridLayout {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(x, "x");
    Objects.requireNonNull(y, "y");
    gridTitles = List.copyOf(gridTitles);
    requireCellSide("cell width", cellWidth);
    requireCellSide("cell height", cellHeight);
    if (gap < 0 || gap > MAX_GAP) {
      throw new IllegalArgumentException(
          "gap %d pixels is outside 0 to %d".formatted(gap, MAX_GAP));
    }
  }

  public int columns() {
    return x.size();
  }

  public int rows() {
    return y.size();
  }

  /** How many grids are stacked: one per grid title, and one when there are none. */
  public int grids() {
    return Math.max(1, gridTitles.size());
  }

  private static void requireCellSide(String name, int pixels) {
    if (pixels < MIN_CELL || pixels > MAX_CELL) {
      throw new IllegalArgumentException(
          "%s %d pixels is outside %d to %d".formatted(name, pixels, MIN_CELL, MAX_CELL));
    }
  }
}
