package com.diffusionlab.engine.shapes;

import java.util.List;
import java.util.Locale;

/**
 * Where the group of shapes sits, judged by the mean of the shapes' centres: within {@link
 * #CENTRE_REACH} pixels of the image centre on both axes it is the centre, otherwise the side
 * towards which the mean lies furthest. Scenes put the mean {@link #NOMINAL_OFFSET} ± {@link
 * #JITTER} pixels from the centre, well clear of that boundary.
 */
public enum Position {
  LEFT("on", -1, 0),
  RIGHT("on", 1, 0),
  TOP("at", 0, -1),
  BOTTOM("at", 0, 1),
  CENTRE("in", 0, 0);

  /** How far the group's mean centre may lie from the image centre, per axis, to be the centre. */
  public static final double CENTRE_REACH = 8;

  /** How far from the image centre a scene puts the mean centre of a group at a side. */
  public static final double NOMINAL_OFFSET = 16;

  /** How far, per axis, a scene may move the group's mean centre from its nominal place. */
  public static final double JITTER = 4;

  private final String preposition;
  private final int directionX;
  private final int directionY;

  Position(String preposition, int directionX, int directionY) {
    this.preposition = preposition;
    this.directionX = directionX;
    this.directionY = directionY;
  }

  /** The caption word naming the place, e.g. {@code "left"}. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The caption phrase, e.g. {@code [on, the, left]}. */
  public List<String> phrase() {
    return List.of(preposition, "the", word());
  }

  /** The nominal x of the group's mean centre in an image of {@code imageSize} pixels. */
  public double nominalX(int imageSize) {
    return imageSize / 2.0 + directionX * NOMINAL_OFFSET;
  }

  /** The nominal y of the group's mean centre in an image of {@code imageSize} pixels. */
  public double nominalY(int imageSize) {
    return imageSize / 2.0 + directionY * NOMINAL_OFFSET;
  }

  /** Whether the shapes of a group at this place are lined up along the x axis. */
  boolean spreadsHorizontally() {
    return directionY != 0;
  }

  /** The place of a group whose shapes' mean centre is at {@code (x, y)}. */
  public static Position of(double x, double y, int imageSize) {
    double dx = x - imageSize / 2.0;
    double dy = y - imageSize / 2.0;
    if (Math.abs(dx) <= CENTRE_REACH && Math.abs(dy) <= CENTRE_REACH) {
      return CENTRE;
    }
    if (Math.abs(dx) >= Math.abs(dy)) {
      return dx < 0 ? LEFT : RIGHT;
    }
    return dy < 0 ? TOP : BOTTOM;
  }
}
