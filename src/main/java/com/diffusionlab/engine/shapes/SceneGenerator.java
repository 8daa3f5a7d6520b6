package com.diffusionlab.engine.shapes;

import java.util.ArrayList;
import java.util.List;

/**
 * Draws random scenes: every kind, colour, size, place and count equally likely, the background any
 * colour but the shapes'. A group's shapes stand in a row across the image's short way through
 * their place (a column at the left and right, a row at the top and bottom, either in the centre),
 * each moved a little off the line.
 */
final class SceneGenerator {

  /** Pixels kept free at the image border. */
  private static final double MARGIN = 0.5;

  /** Gaps between neighbours start a little above the minimum so rounding cannot undercut it. */
  private static final double SMALLEST_GAP = ShapeScene.MIN_GAP + 0.25;

  private static final double LARGEST_GAP = 8;

  /** How far each shape may stand off its group's line. */
  private static final double OFF_LINE = 2;

  private static final ShapeKind[] SHAPES = ShapeKind.values();
  private static final NamedColour[] COLOURS = NamedColour.values();
  private static final SizeClass[] SIZES = SizeClass.values();
  private static final Position[] POSITIONS = Position.values();

  ShapeScene next(SplitMix64 random) {
    ShapeKind shape = random.pick(SHAPES);
    NamedColour colour = random.pick(COLOURS);
    NamedColour background =
        COLOURS[(colour.ordinal() + 1 + random.nextInt(COLOURS.length - 1)) % COLOURS.length];
    SizeClass size = random.pick(SIZES);
    Position position = random.pick(POSITIONS);
    int count = 1 + random.nextInt(ShapeScene.MAX_OBJECTS);
    double extent = random.uniform(size.minExtent(), size.maxExtent());
    boolean horizontal =
        position == Position.CENTRE ? random.chance(0.5) : position.spreadsHorizontally();

    int image = ShapeScene.IMAGE_SIZE;
    double gap = 0;
    if (count > 1) {
      double widest = (image - 2 * MARGIN - count * extent) / (count - 1);
      gap = random.uniform(SMALLEST_GAP, Math.min(LARGEST_GAP, widest));
    }
    double span = count * extent + (count - 1) * gap;
    double along =
        Math.clamp(
            (horizontal ? position.nominalX(image) : position.nominalY(image))
                + random.uniform(-Position.JITTER, Position.JITTER),
            MARGIN + span / 2,
            image - MARGIN - span / 2);
    // the offsets of single shapes off the line add to the line's, within the position's jitter
    double across =
        (horizontal ? position.nominalY(image) : position.nominalX(image))
            + random.uniform(-Position.JITTER + OFF_LINE, Position.JITTER - OFF_LINE);

    List<PlacedShape> objects = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      double onLine = along - span / 2 + extent / 2 + i * (extent + gap);
      double offLine = across + random.uniform(-OFF_LINE, OFF_LINE);
      objects.add(
          horizontal
              ? new PlacedShape(onLine, offLine, extent)
              : new PlacedShape(offLine, onLine, extent));
    }
    return new ShapeScene(shape, colour, size, position, background, objects);
  }
}
