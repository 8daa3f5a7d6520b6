package com.diffusionlab.engine.shapes;

/**
 * One shape of a scene, in pixel coordinates of the image (x to the right, y down, the image
 * spanning 0 to its size on both axes). Its bounding box lies within the square of side {@code
 * extent} around its centre, whose sides {@link #left()}, {@link #right()}, {@link #top()} and
 * {@link #bottom()} give (a triangle's and a star's box are less high than wide).
 *
 * @param centreX the x of its bounding box's centre
 * @param centreY the y of its bounding box's centre
 * @param extent the larger side of its bounding box
 */
public record PlacedShape(double centreX, double centreY, double extent) {

  public PlacedShape {
    requireFinite("centreX", centreX);
    requireFinite("centreY", centreY);
    requireFinite("extent", extent);
    if (extent <= 0) {
      throw new IllegalArgumentException("extent must be positive, got " + extent);
    }
  }

  public double left() {
    return centreX - extent / 2;
  }

  public double right() {
    return centreX + extent / 2;
  }

  public double top() {
    return centreY - extent / 2;
  }

  public double bottom() {
    return centreY + extent / 2;
  }

  private static void requireFinite(String name, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(name + " must be finite, got " + value);
    }
  }
}
