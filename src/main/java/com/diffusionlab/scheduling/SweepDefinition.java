package com.diffusionlab.scheduling;

import com.diffusionlab.tracking.GenerationSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A sweep as its author wrote it: shared base settings and up to three axes whose values make a
 * grid of generations, in the manner of AUTOMATIC1111's X/Y/Z plot. {@link SweepYaml} reads and
 * writes it.
 *
 * @param name the sweep's name
 * @param experiment the experiment its runs join; null in the constructor means the name
 * @param description Markdown for the experiment, or null
 * @param sessionId the playground session to run in, or null for the caller's choice
 * @param base the settings every cell shares; null fields take the configured defaults
 * @param x the required X axis
 * @param y the Y axis, or null for one row
 * @param z the Z axis, or null for one grid
 */
public record SweepDefinition(
    String name,
    String experiment,
    String description,
    Long sessionId,
    GenerationSettings base,
    SweepAxis x,
    SweepAxis y,
    SweepAxis z) {

  public static final int MAX_CELLS = 1000;
  public static final int MAX_NAME = 200;
  public static final int MAX_DESCRIPTION = 20_000;

  /**
   * @throws IllegalArgumentException when two axes change the same setting, the Prompt S/R text is
   *     not in the base prompt or there would be more than {@link #MAX_CELLS} cells
   */
  public SweepDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(x, "x");
    experiment = experiment == null ? name : experiment;
    List<SweepAxis> axes = Stream.of(x, y, z).filter(Objects::nonNull).toList();
    if (axes.stream().map(SweepAxis::changes).distinct().count() < axes.size()) {
      throw new IllegalArgumentException("two axes change the same setting");
    }
    for (SweepAxis axis : axes) {
      if (axis.promptSearchReplace() && !searchable(base, axis.searchText())) {
        throw new IllegalArgumentException(
            "the base prompt does not contain '" + axis.searchText() + "'");
      }
    }
    if (cellCount(x, y, z) > MAX_CELLS) {
      throw new IllegalArgumentException(
          cellCount(x, y, z) + " cells; a sweep has at most " + MAX_CELLS);
    }
  }

  /** Whether a Prompt S/R axis finds this text in the base prompt. */
  public static boolean searchable(GenerationSettings base, String search) {
    return !search.isEmpty() && base.prompt() != null && base.prompt().contains(search);
  }

  /** The number of cells the axes make; a missing axis counts as one value. */
  public static long cellCount(SweepAxis x, SweepAxis y, SweepAxis z) {
    return (long) width(x) * width(y) * width(z);
  }

  public int cellCount() {
    return (int) cellCount(x, y, z);
  }

  /**
   * Every cell, Z outermost and X innermost: the order AUTOMATIC1111 draws its grids in, so that
   * each grid's cells are contiguous.
   */
  public List<SweepCell> cells() {
    List<SweepCell> cells = new ArrayList<>(cellCount());
    for (int iz = 0; iz < width(z); iz++) {
      for (int iy = 0; iy < width(y); iy++) {
        for (int ix = 0; ix < width(x); ix++) {
          Map<String, String> labels = new LinkedHashMap<>();
          GenerationSettings settings = base;
          settings = apply(x, ix, settings, labels);
          settings = apply(y, iy, settings, labels);
          settings = apply(z, iz, settings, labels);
          cells.add(new SweepCell(ix, iy, iz, settings, labels));
        }
      }
    }
    return cells;
  }

  private static GenerationSettings apply(
      SweepAxis axis, int index, GenerationSettings settings, Map<String, String> labels) {
    if (axis == null) {
      return settings;
    }
    labels.put(axis.field(), axis.label(index));
    return axis.apply(settings, index);
  }

  private static int width(SweepAxis axis) {
    return axis == null ? 1 : axis.size();
  }
}
