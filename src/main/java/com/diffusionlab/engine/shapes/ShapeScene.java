package com.diffusionlab.engine.shapes;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one image of the dataset shows: one to three shapes of one kind, colour and size, apart from
 * each other, grouped at one place, on a background of another colour.
 *
 * @param shape the kind of every shape
 * @param colour the colour of every shape
 * @param size the size class of every shape
 * @param position where the group sits; it must agree with the mean of the shapes' centres as
 *     {@link Position#of} judges it
 * @param background the colour of the rest of the image, not the shapes' colour
 * @param objects one to {@link #MAX_OBJECTS} shapes, inside the image, their bounding boxes at
 *     least {@link #MIN_GAP} pixels apart
 */
public record ShapeScene(
    ShapeKind shape,
    NamedColour colour,
    SizeClass size,
    Position position,
    NamedColour background,
    List<PlacedShape> objects) {

  /** Width and height of the dataset's images. */
  public static final int IMAGE_SIZE = 64;

  public static final int MAX_OBJECTS = 3;

  /** Pixels between the bounding boxes of two shapes, so that they stay apart when blurred. */
  public static final double MIN_GAP = 4;

  public ShapeScene {
    Objects.requireNonNull(shape, "shape");
    Objects.requireNonNull(colour, "colour");
    Objects.requireNonNull(size, "size");
    Objects.requireNonNull(position, "position");
    Objects.requireNonNull(background, "background");
    objects = List.copyOf(Objects.requireNonNull(objects, "objects"));
    if (background == colour) {
      throw new IllegalArgumentException(
          "background must differ from the shapes' colour, both are " + colour);
    }
    if (objects.isEmpty() || objects.size() > MAX_OBJECTS) {
      throw new IllegalArgumentException(
          "objects must hold 1 to " + MAX_OBJECTS + " shapes, got " + objects.size());
    }
    for (int i = 0; i < objects.size(); i++) {
      requireFits(i, objects.get(i), size);
      for (int j = 0; j < i; j++) {
        requireApart(j, objects.get(j), i, objects.get(i));
      }
    }
    double meanX = objects.stream().mapToDouble(PlacedShape::centreX).average().orElseThrow();
    double meanY = objects.stream().mapToDouble(PlacedShape::centreY).average().orElseThrow();
    Position actual = Position.of(meanX, meanY, IMAGE_SIZE);
    if (actual != position) {
      throw new IllegalArgumentException(
          "position is "
              + position
              + " but the shapes' mean centre ("
              + meanX
              + ", "
              + meanY
              + ") lies at "
              + actual);
    }
  }

  public int count() {
    return objects.size();
  }

  /** Everything the scene shows, as a caption would state it in full. */
  public CaptionAttributes attributes() {
    return new CaptionAttributes(
        colour, shape, count(), Optional.of(size), Optional.of(position), Optional.of(background));
  }

  private static void requireFits(int index, PlacedShape object, SizeClass size) {
    if (!size.admits(object.extent())) {
      throw new IllegalArgumentException(
          "objects["
              + index
              + "] has extent "
              + object.extent()
              + ", size "
              + size
              + " allows "
              + size.minExtent()
              + " to "
              + size.maxExtent());
    }
    if (object.left() < 0
        || object.top() < 0
        || object.right() > IMAGE_SIZE
        || object.bottom() > IMAGE_SIZE) {
      throw new IllegalArgumentException(
          "objects["
              + index
              + "] = "
              + object
              + " reaches outside the image (0 to "
              + IMAGE_SIZE
              + ")");
    }
  }

  private static void requireApart(int first, PlacedShape a, int second, PlacedShape b) {
    double gapX = Math.max(a.left() - b.right(), b.left() - a.right());
    double gapY = Math.max(a.top() - b.bottom(), b.top() - a.bottom());
    if (Math.max(gapX, gapY) < MIN_GAP) {
      throw new IllegalArgumentException(
          "objects["
              + first
              + "] and objects["
              + second
              + "] are "
              + Math.max(gapX, gapY)
              + " pixels apart, at least "
              + MIN_GAP
              + " are needed");
    }
  }
}
