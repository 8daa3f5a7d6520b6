package com.diffusionlab.engine.shapes;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The caption language of the dataset:
 *
 * <pre>
 * caption    = count [size] colour shape [position] [background]
 * count      = "a" | "an" | "two" | "three"      ("an" before a vowel, the shape plural after 2, 3)
 * size       = "small" | "large"
 * position   = "on the left" | "on the right" | "at the top" | "at the bottom" | "in the centre"
 * background = "on" ("a" | "an") colour "background"
 * </pre>
 *
 * for example "a large red circle on a blue background", "two green squares at the top", "an orange
 * ring in the centre". Colour, shape and count are always stated; each of size, position and
 * background is stated with its own probability, so a model also learns from partial captions.
 *
 * @param sizeProbability how often a training caption states the size, 0 to 1
 * @param positionProbability how often a training caption states the position, 0 to 1
 * @param backgroundProbability how often a training caption states the background colour, 0 to 1
 */
public record CaptionGrammar(
    double sizeProbability, double positionProbability, double backgroundProbability) {

  static final String BACKGROUND_WORD = "background";
  static final String BACKGROUND_PREPOSITION = "on";
  static final List<String> COUNT_WORDS = List.of("two", "three");

  private static final double DEFAULT_PROBABILITY = 0.5;

  public CaptionGrammar {
    requireProbability("sizeProbability", sizeProbability);
    requireProbability("positionProbability", positionProbability);
    requireProbability("backgroundProbability", backgroundProbability);
  }

  /** Each of size, position and background stated half of the time. */
  public static CaptionGrammar defaults() {
    return new CaptionGrammar(DEFAULT_PROBABILITY, DEFAULT_PROBABILITY, DEFAULT_PROBABILITY);
  }

  /** The caption stating exactly the given attributes. */
  public static String caption(CaptionAttributes attributes) {
    Objects.requireNonNull(attributes, "attributes");
    return String.join(" ", words(attributes));
  }

  /**
   * Every word a caption can contain, in alphabetical order (each one token of the grammar's
   * vocabulary).
   */
  public static List<String> vocabulary() {
    TreeSet<String> words = new TreeSet<>();
    words.addAll(List.of("a", "an", BACKGROUND_PREPOSITION, BACKGROUND_WORD));
    words.addAll(COUNT_WORDS);
    for (SizeClass size : SizeClass.values()) {
      words.add(size.word());
    }
    for (NamedColour colour : NamedColour.values()) {
      words.add(colour.word());
    }
    for (ShapeKind shape : ShapeKind.values()) {
      words.add(shape.word());
      words.add(shape.pluralWord());
    }
    for (Position position : Position.values()) {
      words.addAll(position.phrase());
    }
    return List.copyOf(words);
  }

  /** The number of words of the longest caption. */
  public static int longestCaptionWords() {
    int longest = 0;
    for (Position position : Position.values()) {
      CaptionAttributes full =
          new CaptionAttributes(
              NamedColour.RED,
              ShapeKind.CIRCLE,
              ShapeScene.MAX_OBJECTS,
              Optional.of(SizeClass.SMALL),
              Optional.of(position),
              Optional.of(NamedColour.BLUE));
      longest = Math.max(longest, words(full).size());
    }
    return longest;
  }

  /**
   * {@code n} evaluation prompts stating colour, shape, count, position and background (not size),
   * each value of each attribute about equally often ({@code n} divided by the number of values,
   * rounded either way; for the background, given that it is never the shapes' colour), the
   * attributes paired at random by the seed.
   *
   * @throws IllegalArgumentException if {@code n} is negative
   */
  public static List<String> prompts(long seed, int n) {
    if (n < 0) {
      throw new IllegalArgumentException("n must not be negative, got " + n);
    }
    SplitMix64 random = new SplitMix64(seed);
    NamedColour[] colours = NamedColour.values();
    List<NamedColour> colourOrder = balanced(colours, n, random);
    List<ShapeKind> shapes = balanced(ShapeKind.values(), n, random);
    List<Integer> counts = balanced(new Integer[] {1, 2, 3}, n, random);
    List<Position> positions = balanced(Position.values(), n, random);
    Integer[] steps = new Integer[colours.length - 1];
    for (int i = 0; i < steps.length; i++) {
      steps[i] = i + 1;
    }
    // a balanced step away from the shapes' colour keeps backgrounds balanced and never equal
    List<Integer> backgroundSteps = balanced(steps, n, random);
    List<String> prompts = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      NamedColour colour = colourOrder.get(i);
      NamedColour background =
          colours[(colour.ordinal() + backgroundSteps.get(i)) % colours.length];
      prompts.add(
          caption(
              new CaptionAttributes(
                  colour,
                  shapes.get(i),
                  counts.get(i),
                  Optional.empty(),
                  Optional.of(positions.get(i)),
                  Optional.of(background))));
    }
    return List.copyOf(prompts);
  }

  /** What a training caption states about the scene: all it must, the rest by chance. */
  CaptionAttributes describe(ShapeScene scene, SplitMix64 random) {
    // draw all three every time, so one attribute's choice does not shift the others' numbers
    boolean withSize = random.chance(sizeProbability);
    boolean withPosition = random.chance(positionProbability);
    boolean withBackground = random.chance(backgroundProbability);
    return new CaptionAttributes(
        scene.colour(),
        scene.shape(),
        scene.count(),
        withSize ? Optional.of(scene.size()) : Optional.empty(),
        withPosition ? Optional.of(scene.position()) : Optional.empty(),
        withBackground ? Optional.of(scene.background()) : Optional.empty());
  }

  /** "an" before a word starting with a vowel letter (all such words of the grammar), else "a". */
  static String article(String nextWord) {
    return "aeiou".indexOf(nextWord.charAt(0)) >= 0 ? "an" : "a";
  }

  private static List<String> words(CaptionAttributes attributes) {
    List<String> words = new ArrayList<>();
    String colour = attributes.colour().word();
    String firstAfterCount = attributes.size().map(SizeClass::word).orElse(colour);
    words.add(
        attributes.count() == 1
            ? article(firstAfterCount)
            : COUNT_WORDS.get(attributes.count() - 2));
    attributes.size().ifPresent(size -> words.add(size.word()));
    words.add(colour);
    words.add(
        attributes.count() == 1 ? attributes.shape().word() : attributes.shape().pluralWord());
    attributes.position().ifPresent(position -> words.addAll(position.phrase()));
    attributes
        .background()
        .ifPresent(
            background ->
                words.addAll(
                    List.of(
                        BACKGROUND_PREPOSITION,
                        article(background.word()),
                        background.word(),
                        BACKGROUND_WORD)));
    return words;
  }

  private static <T> List<T> balanced(T[] values, int n, SplitMix64 random) {
    List<T> list = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      list.add(values[i % values.length]);
    }
    // Fisher-Yates with the dataset's own generator, so the order is the same on every JDK
    for (int i = n - 1; i > 0; i--) {
      Collections.swap(list, i, random.nextInt(i + 1));
    }
    return list;
  }

  private static void requireProbability(String name, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(name + " must be from 0 to 1, got " + value);
    }
  }
}
