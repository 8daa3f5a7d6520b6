package com.diffusionlab.compare;

import java.util.List;
import java.util.Objects;

/**
 * One axis of a sweep grid: what varies, such as {@code cfg}, and the values it takes, in the order
 * of the grid's columns (X) or rows (Y), as labels such as {@code "3"}, {@code "5"}, {@code "7"}.
 *
 * @param title the axis name drawn once beside its labels; empty for none
 * @param labels one label per column or row, at least one; a label may be empty
 */
public record GridAxis(String title, List<String> labels) {

  public GridAxis {
    Objects.requireNonNull(title, "title");
    labels = List.copyOf(labels);
    if (labels.isEmpty()) {
      throw new IllegalArgumentException(
          "axis '%s' has no labels; it needs one per column or row".formatted(title));
    }
  }

  /** The title first, then the labels: {@code of("cfg", "3", "5", "7")} has three labels. */
  public static GridAxis of(String title, String... labels) {
    return new GridAxis(title, List.of(labels));
  }

  /** The axis of a sweep that does not vary in this direction: one column or row, no text. */
  public static GridAxis none() {
    return new GridAxis("", List.of(""));
  }

  public int size() {
    return labels.size();
  }
}
