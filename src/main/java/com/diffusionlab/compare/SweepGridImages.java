package com.diffusionlab.compare;

import com.diffusionlab.artifacts.ArtifactStore;
import com.diffusionlab.compare.internal.SweepGridPng;
import com.diffusionlab.engine.InvalidRequestException;
import com.diffusionlab.engine.image.ImageFiles;
import com.diffusionlab.identity.Permissions;
import com.diffusionlab.scheduling.AxisLabels;
import com.diffusionlab.scheduling.SweepAction;
import com.diffusionlab.scheduling.SweepGrid;
import com.diffusionlab.scheduling.SweepService;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * A sweep's grid as one PNG with its axes labelled, at any cell size: written one row of cells at a
 * time, so that there is no fixed cap on the picture's size.
 */
@Service
public class SweepGridImages {

  private static final int GAP = 4;

  private final SweepService sweeps;
  private final ArtifactStore artifacts;
  private final SweepGridPng png = new SweepGridPng();
  private final ImageFiles images = new ImageFiles(4096L * 4096);

  SweepGridImages(SweepService sweeps, ArtifactStore artifacts) {
    this.sweeps = sweeps;
    this.artifacts = artifacts;
  }

  /**
   * Checks that a sweep can be drawn at a cell size, before anything is written.
   *
   * @throws InvalidRequestException for a cell size outside 8 to 4096 pixels
   * @throws com.diffusionlab.NotFoundException for a sweep the reader cannot see
   */
  @PreAuthorize(Permissions.LOOK)
  public SweepGrid check(long sweepId, int cellSize) {
    if (cellSize < GridLayout.MIN_CELL || cellSize > GridLayout.MAX_CELL) {
      throw new InvalidRequestException(
          "cell", cellSize, GridLayout.MIN_CELL + " to " + GridLayout.MAX_CELL + " pixels");
    }
    return sweeps.grid(sweepId, SweepAction.DOWNLOAD);
  }

  /** Writes the grid PNG of a sweep, cells {@code cellSize} pixels square. */
  @PreAuthorize(Permissions.LOOK)
  public void write(long sweepId, int cellSize, OutputStream out) throws IOException {
    SweepGrid grid = check(sweepId, cellSize);
    List<AxisLabels> axes = grid.sweep().axes();
    List<String> gridTitles = new ArrayList<>();
    if (axes.size() > 2) {
      for (String label : axes.get(2).labels()) {
        gridTitles.add(axes.get(2).field() + ": " + label);
      }
    }
    Map<String, SweepGrid.Cell> cells = new HashMap<>();
    grid.cells().forEach(cell -> cells.put(key(cell.z(), cell.y(), cell.x()), cell));
    png.write(
        new GridLayout(
            grid.sweep().name(),
            axis(axes.getFirst()),
            axes.size() > 1 ? axis(axes.get(1)) : GridAxis.none(),
            gridTitles,
            cellSize,
            cellSize,
            GAP),
        (z, row, column) -> cell(cells.get(key(z, row, column))),
        out);
  }

  /** A name for the file, e.g. {@code sweep-4-grid.png}. */
  public static String fileName(long sweepId) {
    return "sweep-" + sweepId + "-grid.png";
  }

  private GridCell cell(SweepGrid.Cell cell) throws IOException {
    if (cell == null || cell.image() == null) {
      return GridCell.missing(
          cell == null || cell.status() == null
              ? "pending"
              : cell.status().name().toLowerCase(Locale.ROOT));
    }
    byte[] bytes =
        artifacts
            .read(cell.image())
            .orElseThrow(() -> new IOException("stored image " + cell.image() + " is missing"));
    return GridCell.of(images.readRgb(new ByteArrayInputStream(bytes)));
  }

  private static GridAxis axis(AxisLabels labels) {
    return new GridAxis(labels.field(), labels.labels());
  }

  private static String key(int z, int y, int x) {
    return z + ":" + y + ":" + x;
  }
}
