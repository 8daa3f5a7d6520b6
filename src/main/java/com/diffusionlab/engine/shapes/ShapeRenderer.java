package com.diffusionlab.engine.shapes;

import com.diffusionlab.engine.image.RgbImage;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.Objects;

/**
 * Paints scenes with Java2D's antialiasing rasteriser, which computes coverage in Java (no fonts,
 * no native or platform code), so a scene gives the same pixels on every machine running one JDK.
 * Edge pixels blend shape and background colour linearly by the area covered. Thread-safe.
 */
public final class ShapeRenderer {

  /** A ring's hole diameter as a fraction of its outer diameter. */
  static final double RING_HOLE = 0.55;

  /** A star's inner radius (between the points) as a fraction of its outer radius. */
  static final double STAR_INNER_RADIUS = 0.4;

  static final int STAR_POINTS = 5;

  public RgbImage render(ShapeScene scene) {
    Objects.requireNonNull(scene, "scene");
    int size = ShapeScene.IMAGE_SIZE;
    BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    Graphics2D graphics = image.createGraphics();
    try {
      graphics.setColor(new Color(scene.background().packedRgb()));
      graphics.fillRect(0, 0, size, size);
      graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      // exact geometry: no nudging of outlines to pixel centres
      graphics.setRenderingHint(
          RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
      graphics.setColor(new Color(scene.colour().packedRgb()));
      for (PlacedShape object : scene.objects()) {
        graphics.fill(outline(scene.shape(), object));
      }
    } finally {
      graphics.dispose();
    }
    int[] packed = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    return RgbImage.fromPackedRgb(size, size, packed);
  }

  /** The outline of one shape, filling a bounding box whose larger side is its extent. */
  static Shape outline(ShapeKind kind, PlacedShape object) {
    double x = object.centreX();
    double y = object.centreY();
    double extent = object.extent();
    return switch (kind) {
      case CIRCLE -> disc(x, y, extent);
      case SQUARE -> new Rectangle2D.Double(object.left(), object.top(), extent, extent);
      case TRIANGLE -> triangle(x, y, extent);
      case STAR -> star(x, y, extent);
      case RING -> ring(x, y, extent);
    };
  }

  private static Ellipse2D disc(double x, double y, double diameter) {
    return new Ellipse2D.Double(x - diameter / 2, y - diameter / 2, diameter, diameter);
  }

  /** An equilateral triangle, point up: its side is the extent, its height √3/2 of it. */
  private static Shape triangle(double x, double y, double extent) {
    double height = extent * Math.sqrt(3) / 2;
    Path2D.Double path = new Path2D.Double();
    path.moveTo(x, y - height / 2);
    path.lineTo(x + extent / 2, y + height / 2);
    path.lineTo(x - extent / 2, y + height / 2);
    path.closePath();
    return path;
  }

  /**
   * A regular five-pointed star, point up. Its box is wider (2R·sin 72°) than high (R + R·cos 36°),
   * so the width is the extent; the star's centre lies R below the box top.
   */
  private static Shape star(double x, double y, double extent) {
    double outer = extent / (2 * Math.sin(Math.toRadians(72)));
    double height = outer * (1 + Math.cos(Math.toRadians(36)));
    double centreY = y - height / 2 + outer;
    Path2D.Double path = new Path2D.Double();
    for (int i = 0; i < 2 * STAR_POINTS; i++) {
      double radius = i % 2 == 0 ? outer : outer * STAR_INNER_RADIUS;
      double angle = Math.PI * i / STAR_POINTS;
      double px = x + radius * Math.sin(angle);
      double py = centreY - radius * Math.cos(angle);
      if (i == 0) {
        path.moveTo(px, py);
      } else {
        path.lineTo(px, py);
      }
    }
    path.closePath();
    return path;
  }

  private static Shape ring(double x, double y, double extent) {
    Path2D.Double path = new Path2D.Double(Path2D.WIND_EVEN_ODD);
    path.append(disc(x, y, extent), false);
    path.append(disc(x, y, extent * RING_HOLE), false);
    return path;
  }
}
