package com.diffusionlab.engine.shapes;

import java.util.Objects;
import java.util.Optional;

/**
 * What a caption states about a scene: colour, shape and count always; size, position and
 * background when it mentions them.
 *
 * @param count 1 to {@link ShapeScene#MAX_OBJECTS}
 * @param background when present, not the shapes' colour
 */
public record CaptionAttributes(
    NamedColour colour,
    ShapeKind shape,
    int count,
    Optional<SizeClass> size,
    Optional<Position> position,
    Optional<NamedColour> background) {

  public CaptionAttributes {
    Objects.requireNonNull(colour, "colour");
    Objects.requireNonNull(shape, "shape");
    Objects.requireNonNull(size, "size");
    Objects.requireNonNull(position, "position");
    Objects.requireNonNull(background, "background");
    if (count < 1 || count > ShapeScene.MAX_OBJECTS) {
      throw new IllegalArgumentException(
          "count must be 1 to " + ShapeScene.MAX_OBJECTS + ", got " + count);
    }
    if (background.isPresent() && background.get() == colour) {
      throw new IllegalArgumentException(
          "background must differ from the shapes' colour, both are " + colour);
    }
  }
}
