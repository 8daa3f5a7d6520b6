package com.diffusionlab.engine.shapes;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the {@link ShapeChecker} read from an image. The group's colour, shape and size are stated
 * only when every object agrees (an image with a red and a blue circle has no colour); its position
 * only when there is an object.
 *
 * @param background the named colour nearest to the image's border
 * @param objects the shapes found, specks left out, in reading order of their first pixel
 * @param position where the mean of the objects' centres lies; empty when there are none
 * @param notes what the checker noticed beyond the verdicts: specks ignored, objects disagreeing
 */
public record CheckResult(
    NamedColour background,
    List<DetectedObject> objects,
    Optional<Position> position,
    List<String> notes) {

  public CheckResult {
    Objects.requireNonNull(background, "background");
    objects = List.copyOf(Objects.requireNonNull(objects, "objects"));
    notes = List.copyOf(Objects.requireNonNull(notes, "notes"));
    Objects.requireNonNull(position, "position");
    if (objects.isEmpty() == position.isPresent()) {
      throw new IllegalArgumentException(
          "position must be present exactly when there are objects; "
              + objects.size()
              + " objects, position "
              + position);
    }
  }

  public int count() {
    return objects.size();
  }

  public Optional<NamedColour> colour() {
    return shared(DetectedObject::colour);
  }

  public Optional<ShapeKind> shape() {
    return shared(DetectedObject::shape);
  }

  public Optional<SizeClass> size() {
    return shared(DetectedObject::size);
  }

  /** For each attribute the caption states, whether this image shows it. */
  public PromptMatch matches(CaptionAttributes asked) {
    Objects.requireNonNull(asked, "asked");
    Map<Attribute, Boolean> verdicts = new EnumMap<>(Attribute.class);
    verdicts.put(Attribute.COLOUR, colour().equals(Optional.of(asked.colour())));
    verdicts.put(Attribute.SHAPE, shape().equals(Optional.of(asked.shape())));
    verdicts.put(Attribute.COUNT, count() == asked.count());
    asked.size().ifPresent(size -> verdicts.put(Attribute.SIZE, size().equals(Optional.of(size))));
    asked
        .position()
        .ifPresent(
            place -> verdicts.put(Attribute.POSITION, position().equals(Optional.of(place))));
    asked
        .background()
        .ifPresent(colour -> verdicts.put(Attribute.BACKGROUND, background == colour));
    return new PromptMatch(verdicts);
  }

  private <T> Optional<T> shared(Function<DetectedObject, T> attribute) {
    if (objects.isEmpty()) {
      return Optional.empty();
    }
    T first = attribute.apply(objects.getFirst());
    return objects.stream().allMatch(object -> attribute.apply(object).equals(first))
        ? Optional.of(first)
        : Optional.empty();
  }
}
