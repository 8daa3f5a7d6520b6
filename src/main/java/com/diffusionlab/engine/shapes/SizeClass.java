package com.diffusionlab.engine.shapes;

import java.util.Locale;

/**
 * How big the shapes of a scene are, as their extent in pixels: the width or height of the bounding
 * box, whichever is larger. The classes leave a gap between them that the checker splits.
 */
public enum SizeClass {
  SMALL(10, 12),
  LARGE(16, 18);

  private final double minExtent;
  private final double maxExtent;

  SizeClass(double minExtent, double maxExtent) {
    this.minExtent = minExtent;
    this.maxExtent = maxExtent;
  }

  /** The caption word, e.g. {@code "small"}. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  public double minExtent() {
    return minExtent;
  }

  public double maxExtent() {
    return maxExtent;
  }

  /** Whether a shape of this extent belongs to the class. */
  public boolean admits(double extent) {
    return extent >= minExtent && extent <= maxExtent;
  }

  /** The class of a measured extent: the nearer one, split halfway between the classes. */
  public static SizeClass ofExtent(double extent) {
    return extent < (SMALL.maxExtent + LARGE.minExtent) / 2 ? SMALL : LARGE;
  }
}
