package com.diffusionlab.engine.shapes;

import java.util.Locale;

/**
 * The colours of the dataset, for shapes and backgrounds alike (a scene never uses one for both).
 * They are saturated and far apart in RGB (no two closer than 100), so that an image whose colours
 * drift by ±20 a channel still reads as the colour it was meant to be.
 */
public enum NamedColour {
  RED(215, 25, 35),
  ORANGE(245, 130, 10),
  YELLOW(245, 235, 40),
  GREEN(40, 170, 50),
  CYAN(30, 200, 220),
  BLUE(40, 70, 220),
  PURPLE(140, 50, 180),
  PINK(250, 140, 200),
  WHITE(240, 240, 240),
  BLACK(25, 25, 25);

  private final int red;
  private final int green;
  private final int blue;

  NamedColour(int red, int green, int blue) {
    this.red = red;
    this.green = green;
    this.blue = blue;
  }

  /** The caption word, e.g. {@code "red"}. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  public int red() {
    return red;
  }

  public int green() {
    return green;
  }

  public int blue() {
    return blue;
  }

  /** The colour packed as {@code 0xRRGGBB}. */
  public int packedRgb() {
    return red << 16 | green << 8 | blue;
  }

  /** Squared Euclidean distance in RGB to the given channel values. */
  public double squaredDistance(double r, double g, double b) {
    double dr = r - red;
    double dg = g - green;
    double db = b - blue;
    return dr * dr + dg * dg + db * db;
  }

  /** The named colour nearest to the given channel values in RGB. */
  public static NamedColour nearest(double r, double g, double b) {
    NamedColour best = RED;
    double bestDistance = Double.POSITIVE_INFINITY;
    for (NamedColour colour : values()) {
      double distance = colour.squaredDistance(r, g, b);
      if (distance < bestDistance) {
        best = colour;
        bestDistance = distance;
      }
    }
    return best;
  }
}
