package com.diffusionlab.reports.internal;

import java.util.List;

/**
 * Colours for categories in charts: Tableau 10, whose colours stay apart from each other on screen
 * and on paper. The eleventh category takes the first colour again.
 */
final class Palette {

  private static final List<String> COLOURS =
      List.of(
          "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
          "#9c755f", "#bab0ac");

  private Palette() {}

  static String colour(int index) {
    return COLOURS.get(Math.floorMod(index, COLOURS.size()));
  }
}
