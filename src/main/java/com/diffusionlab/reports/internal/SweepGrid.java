package com.diffusionlab.reports.internal;

import com.diffusionlab.tracking.RunStatus;
import java.util.List;
import java.util.Objects;

/**
 * A sweep as a grid of runs: one run per combination of the X, Y and (optionally) Z axis values.
 *
 * @param z the third axis, or null for a two-axis sweep
 * @param cells at most one per position, each inside the axes; a position without a cell shows as
 *     empty
 */
public record SweepGrid(String name, Axis x, Axis y, Axis z, List<Cell> cells) {

  public SweepGrid {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(x, "x");
    Objects.requireNonNull(y, "y");
    cells = List.copyOf(cells);
    for (Cell cell : cells) {
      if (cell.x() < 0
          || cell.x() >= x.labels().size()
          || cell.y() < 0
          || cell.y() >= y.labels().size()
          || cell.z() < 0
          || cell.z() >= (z == null ? 1 : z.labels().size())) {
        throw new IllegalArgumentException(
            "cell (" + cell.x() + ", " + cell.y() + ", " + cell.z() + ") is outside the grid");
      }
    }
  }

  /** The number of Z values; 1 for a two-axis sweep. */
  public int depth() {
    return z == null ? 1 : z.labels().size();
  }

  /**
   * One axis of a sweep.
   *
   * @param title what varies, e.g. "CFG scale"
   * @param labels its values as people read them, in grid order
   */
  public record Axis(String title, List<String> labels) {

    public Axis {
      Objects.requireNonNull(title, "title");
      labels = List.copyOf(labels);
    }
  }

  /**
   * The run at one position of the grid.
   *
   * @param x index into the X axis labels; likewise {@code y} and {@code z} (0 without a Z axis)
   * @param thumbnail the artifact hash of the run's first thumbnail, or null when it has none
   */
  public record Cell(int x, int y, int z, long runId, RunStatus status, String thumbnail) {

    public Cell {
      Objects.requireNonNull(status, "status");
    }
  }
}
