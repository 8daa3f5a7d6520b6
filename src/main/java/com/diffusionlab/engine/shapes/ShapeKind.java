package com.diffusionlab.engine.shapes;

import java.util.Locale;

/**
 * The shapes of the dataset, always drawn upright (triangle and star point up, square axis-aligned)
 * so that a small model meets each in one pose and the checker can read them from their bounding
 * box.
 */
public enum ShapeKind {
  CIRCLE,
  SQUARE,
  TRIANGLE,
  STAR,
  RING;

  /** The caption word for one, e.g. {@code "circle"}. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The caption word for two or more, e.g. {@code "circles"}. */
  public String pluralWord() {
    return word() + "s";
  }
}
