package com.diffusionlab.engine.shapes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.diffusionlab.engine.image.RgbImage;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The checker against ground truth: the scenes the dataset rendered, clean and damaged, and images
 * painted here without the renderer (shapes rotated as the dataset never draws them).
 */
class ShapeCheckerTest {

  private static final int CLEAN_SAMPLES = 4000;
  private static final int PERTURBED_SAMPLES = 1500;
  private static final double REQUIRED_ACCURACY = 0.98;

  private static final ShapeChecker CHECKER = new ShapeChecker();
  private static final CaptionParser PARSER = new CaptionParser();
  private static List<ShapeSample> samples;

  @BeforeAll
  static void render() {
    ShapeDataset dataset = new ShapeDataset(20_261_121L);
    samples = new ArrayList<>(CLEAN_SAMPLES);
    for (int i = 0; i < CLEAN_SAMPLES; i++) {
      samples.add(dataset.sample(i));
    }
  }

  @Test
  void readsTheRenderedScenesRight() {
    Tally tally = tally(samples, image -> image);
    System.out.println(tally.summary("clean, " + samples.size() + " scenes"));
    for (Attribute attribute : Attribute.values()) {
      assertThat(tally.accuracy(attribute))
          .as(attribute.name())
          .isGreaterThanOrEqualTo(REQUIRED_ACCURACY);
    }
  }

  static Stream<Arguments> damage() {
    return Stream.of(
        Arguments.of(
            "noise σ=8",
            (Function<Random, UnaryOperator<RgbImage>>)
                random -> image -> Perturbations.noise(image, 8, random)),
        Arguments.of(
            "blur [1 2 1]/4",
            (Function<Random, UnaryOperator<RgbImage>>) random -> Perturbations::blur),
        Arguments.of(
            "colour shift ±20",
            (Function<Random, UnaryOperator<RgbImage>>)
                random -> image -> Perturbations.shift(image, 20, random)),
        Arguments.of(
            "blur, shift ±20, noise σ=8",
            (Function<Random, UnaryOperator<RgbImage>>)
                random ->
                    image ->
                        Perturbations.noise(
                            Perturbations.shift(Perturbations.blur(image), 20, random),
                            8,
                            random)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("damage")
  void toleratesWhatASmallModelDoesToAnImage(
      String name, Function<Random, UnaryOperator<RgbImage>> damage) {
    Tally tally = tally(samples.subList(0, PERTURBED_SAMPLES), damage.apply(new Random(7)));
    System.out.println(tally.summary(name + ", " + PERTURBED_SAMPLES + " scenes"));
    for (Attribute attribute : Attribute.values()) {
      assertThat(tally.accuracy(attribute))
          .as(attribute.name())
          .isGreaterThanOrEqualTo(REQUIRED_ACCURACY);
    }
  }

  /**
   * Shapes painted by point tests, several rotated away from the dataset's upright pose; expected
   * extents by hand: diamond side 11·√2 = 15.6 (large), triangle side 7·√3 = 12.1 (small), star
   * width 2·9·sin 72° = 17.1 (large), disc 11 (small), ring outer diameter 17 (large).
   */
  static Stream<Arguments> paintedShapes() {
    return Stream.of(
        Arguments.of(
            "diamond (square turned 45°) in the centre",
            Canvas.regularPolygon(32, 32, 4, 11, 0),
            ShapeKind.SQUARE,
            SizeClass.LARGE,
            Position.CENTRE),
        Arguments.of(
            "triangle pointing down on the left",
            Canvas.regularPolygon(16, 32, 3, 7, 90),
            ShapeKind.TRIANGLE,
            SizeClass.SMALL,
            Position.LEFT),
        Arguments.of(
            "star pointing down on the right",
            Canvas.star(48, 32, 5, 9, 3.6, 90),
            ShapeKind.STAR,
            SizeClass.LARGE,
            Position.RIGHT),
        Arguments.of(
            "star turned 10° at the top",
            Canvas.star(32, 14, 5, 9, 3.6, -80),
            ShapeKind.STAR,
            SizeClass.LARGE,
            Position.TOP),
        Arguments.of(
            "disc at the top",
            Canvas.disc(32, 14, 5.5),
            ShapeKind.CIRCLE,
            SizeClass.SMALL,
            Position.TOP),
        Arguments.of(
            "ring at the bottom",
            Canvas.annulus(32, 48, 8.5, 4.7),
            ShapeKind.RING,
            SizeClass.LARGE,
            Position.BOTTOM),
        Arguments.of(
            "square turned 20° at the bottom",
            Canvas.regularPolygon(32, 48, 4, 12, 20),
            ShapeKind.SQUARE,
            SizeClass.LARGE,
            Position.BOTTOM));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("paintedShapes")
  void readsShapesPaintedWithoutTheRenderer(
      String name, Canvas.Region region, ShapeKind shape, SizeClass size, Position position) {
    RgbImage image = new Canvas(64, NamedColour.BLUE).fill(region, NamedColour.YELLOW).image();

    CheckResult result = CHECKER.check(image);

    assertThat(result.count()).isEqualTo(1);
    assertThat(result.shape()).contains(shape);
    assertThat(result.colour()).contains(NamedColour.YELLOW);
    assertThat(result.background()).isEqualTo(NamedColour.BLUE);
    assertThat(result.size()).contains(size);
    assertThat(result.position()).contains(position);
    DetectedObject object = result.objects().getFirst();
    assertThat(object.shapeConfidence()).isBetween(0.0, 1.0);
    assertThat(object.colourConfidence()).isBetween(0.9, 1.0);
  }

  @Test
  void countsSeparateObjectsAndNamesTheirColour() {
    RgbImage image =
        new Canvas(64, NamedColour.BLACK)
            .fill(Canvas.disc(48, 14, 5), NamedColour.PINK)
            .fill(Canvas.disc(48, 32, 5), NamedColour.PINK)
            .fill(Canvas.disc(48, 50, 5), NamedColour.PINK)
            .image();

    CheckResult result = CHECKER.check(image);

    assertThat(result.count()).isEqualTo(3);
    assertThat(result.colour()).contains(NamedColour.PINK);
    assertThat(result.shape()).contains(ShapeKind.CIRCLE);
    assertThat(result.size()).contains(SizeClass.SMALL);
    assertThat(result.position()).contains(Position.RIGHT);
    assertThat(result.background()).isEqualTo(NamedColour.BLACK);
    assertThat(result.notes()).isEmpty();
  }

  @Test
  void statesNoGroupValueWhereObjectsDisagree() {
    RgbImage image =
        new Canvas(64, NamedColour.WHITE)
            .fill(Canvas.disc(20, 32, 8), NamedColour.RED)
            .fill(Canvas.regularPolygon(44, 32, 4, 8, 45), NamedColour.BLUE)
            .image();

    CheckResult result = CHECKER.check(image);

    assertThat(result.count()).isEqualTo(2);
    assertThat(result.colour()).isEmpty();
    assertThat(result.shape()).isEmpty();
    assertThat(result.objects())
        .extracting(DetectedObject::colour)
        .containsExactly(NamedColour.RED, NamedColour.BLUE);
    assertThat(result.notes())
        .contains("objects differ in colour: red, blue", "objects differ in shape: circle, square");
  }

  @Test
  void findsNothingInAnEmptyImageAndIgnoresSpecks() {
    Canvas canvas = new Canvas(64, NamedColour.GREEN);
    // a 2 × 2 speck: far fewer pixels than any shape of the dataset
    canvas.fill(Canvas.polygon(30, 30, 32, 30, 32, 32, 30, 32), NamedColour.WHITE);

    CheckResult result = CHECKER.check(canvas.image());

    assertThat(result.count()).isZero();
    assertThat(result.background()).isEqualTo(NamedColour.GREEN);
    assertThat(result.colour()).isEmpty();
    assertThat(result.shape()).isEmpty();
    assertThat(result.size()).isEmpty();
    assertThat(result.position()).isEmpty();
    assertThat(result.notes()).containsExactly("ignored 1 speck(s) under 12 pixels");
  }

  @Test
  void judgesOnlyTheAttributesACaptionStates() {
    RgbImage image =
        new Canvas(64, NamedColour.BLUE)
            .fill(Canvas.polygon(10, 16, 22, 16, 22, 28, 10, 28), NamedColour.RED)
            .fill(Canvas.polygon(10, 36, 22, 36, 22, 48, 10, 48), NamedColour.RED)
            .image();
    CheckResult result = CHECKER.check(image);

    PromptMatch loose = result.matches(PARSER.parse("two red squares"));
    assertThat(loose.verdicts())
        .containsOnlyKeys(Attribute.COLOUR, Attribute.SHAPE, Attribute.COUNT)
        .doesNotContainValue(false);
    assertThat(loose.verdict(Attribute.SIZE)).isEmpty();
    assertThat(loose.allMatch()).isTrue();

    PromptMatch full =
        result.matches(PARSER.parse("two large red squares on the right on a blue background"));
    assertThat(full.verdict(Attribute.POSITION)).contains(false);
    assertThat(full.verdict(Attribute.SIZE)).contains(false);
    assertThat(full.verdict(Attribute.BACKGROUND)).contains(true);
    assertThat(full.allMatch()).isFalse();

    assertThat(result.matches(PARSER.parse("three small red circles")).verdicts())
        .containsEntry(Attribute.COLOUR, true)
        .containsEntry(Attribute.SHAPE, false)
        .containsEntry(Attribute.COUNT, false);
  }

  @Test
  void refusesImagesOfAnotherSize() {
    RgbImage image = new RgbImage(32, 64, new byte[32 * 64 * 3]);
    assertThatThrownBy(() -> CHECKER.check(image))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("image is 32x64, the checker reads 64x64 images");
  }

  @Test
  void resultNeedsAPositionExactlyWhenThereAreObjects() {
    assertThatThrownBy(
            () ->
                new CheckResult(NamedColour.RED, List.of(), Optional.of(Position.LEFT), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("position must be present exactly when there are objects");
  }

  private static Tally tally(List<ShapeSample> scenes, UnaryOperator<RgbImage> damage) {
    Tally tally = new Tally();
    for (ShapeSample sample : scenes) {
      tally.add(sample.scene(), CHECKER.check(damage.apply(sample.image())));
    }
    return tally;
  }

  /** Per attribute: how often the checker agreed with the scene, and what it said instead. */
  private static final class Tally {
    private final Map<Attribute, Integer> right = new EnumMap<>(Attribute.class);
    private final Map<Attribute, Map<String, Integer>> confusions = new EnumMap<>(Attribute.class);
    private int scenes;

    void add(ShapeScene scene, CheckResult result) {
      scenes++;
      PromptMatch match = result.matches(scene.attributes());
      for (Attribute attribute : Attribute.values()) {
        if (match.verdict(attribute).orElseThrow()) {
          right.merge(attribute, 1, Integer::sum);
        } else {
          confusions
              .computeIfAbsent(attribute, a -> new TreeMap<>())
              .merge(truth(attribute, scene) + " → " + reading(attribute, result), 1, Integer::sum);
        }
      }
    }

    double accuracy(Attribute attribute) {
      return right.getOrDefault(attribute, 0) / (double) scenes;
    }

    String summary(String label) {
      StringBuilder text = new StringBuilder("checker on " + label + ":");
      for (Attribute attribute : Attribute.values()) {
        text.append("\n  %-10s %.4f".formatted(attribute, accuracy(attribute)));
        Map<String, Integer> wrong = confusions.getOrDefault(attribute, Map.of());
        if (!wrong.isEmpty()) {
          text.append("  mistakes: ")
              .append(
                  wrong.entrySet().stream()
                      .map(entry -> entry.getKey() + " ×" + entry.getValue())
                      .collect(Collectors.joining(", ")));
        }
      }
      return text.toString();
    }

    private static String truth(Attribute attribute, ShapeScene scene) {
      return switch (attribute) {
        case COLOUR -> scene.colour().word();
        case SHAPE -> scene.shape().word();
        case COUNT -> String.valueOf(scene.count());
        case SIZE -> scene.size().word();
        case POSITION -> scene.position().word();
        case BACKGROUND -> scene.background().word();
      };
    }

    private static String reading(Attribute attribute, CheckResult result) {
      return switch (attribute) {
        case COLOUR -> perObject(result, object -> object.colour().word());
        case SHAPE -> perObject(result, object -> object.shape().word());
        case COUNT -> String.valueOf(result.count());
        case SIZE -> perObject(result, object -> object.size().word());
        case POSITION -> result.position().map(Position::word).orElse("none");
        case BACKGROUND -> result.background().word();
      };
    }

    private static String perObject(CheckResult result, Function<DetectedObject, String> value) {
      return result.objects().isEmpty()
          ? "nothing"
          : result.objects().stream().map(value).collect(Collectors.joining("+"));
    }
  }
}
