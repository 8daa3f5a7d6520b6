package com.diffusionlab.scheduling;

import com.diffusionlab.tracking.RunStatus;
import java.util.List;

/** A sweep with each cell's run as it stands now. */
public record SweepGrid(Sweep sweep, List<Cell> cells) {

  /**
   * One cell.
   *
   * @param runId null while the cell waits for room in the session
   * @param status the run's, or null while it waits
   * @param thumbnail the first image's thumbnail hash, when there is one
   * @param image the first image's hash, when there is one
   */
  public record Cell(
      int index,
      int x,
      int y,
      int z,
      String axisValues,
      Long runId,
      RunStatus status,
      String thumbnail,
      String image) {}

  /** How many cells have finished, in any way. */
  public long finished() {
    return cells.stream().filter(c -> c.status() != null && c.status().finished()).count();
  }
}
