package com.diffusionlab.compare;

import java.io.IOException;

/**
 * Supplies a sweep grid's cells as the grid is written: asked once per cell, grid by grid, row by
 * row, column by column, so only the cells of the row being drawn need to be in memory.
 */
@FunctionalInterface
public interface GridCellSource {

  /**
   * The cell of one grid (Z index), row (Y index) and column (X index), all from 0; never null: a
   * run without an image is {@link GridCell#missing}.
   */
  GridCell cell(int grid, int row, int column) throws IOException;
}
