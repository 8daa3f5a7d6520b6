package com.diffusionlab.engine.shapes;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads a caption of the {@link CaptionGrammar} back into what it states. Case and runs of
 * whitespace are ignored, as the tokenizer ignores them; anything else outside the grammar is
 * refused, naming the word. Thread-safe.
 */
public final class CaptionParser {

  /** Longer captions are cut in error messages. */
  private static final int MAX_ECHO = 120;

  /** Longer words are cut in error messages. */
  private static final int MAX_WORD_ECHO = 40;

  private static final String THE = "the";

  private static final Map<String, Integer> COUNTS =
      Map.of(
          "a",
          1,
          "an",
          1,
          CaptionGrammar.COUNT_WORDS.get(0),
          2,
          CaptionGrammar.COUNT_WORDS.get(1),
          3);
  private static final Map<String, Boolean> ARTICLES = Map.of("a", true, "an", true);
  private static final Map<String, SizeClass> SIZES = byWord(SizeClass.values(), SizeClass::word);
  private static final Map<String, NamedColour> COLOURS =
      byWord(NamedColour.values(), NamedColour::word);
  private static final Map<String, ShapeKind> SHAPES = byWord(ShapeKind.values(), ShapeKind::word);
  private static final Map<String, ShapeKind> PLURAL_SHAPES =
      byWord(ShapeKind.values(), ShapeKind::pluralWord);
  private static final Map<String, Position> PLACES = byWord(Position.values(), Position::word);
  private static final Set<String> POSITION_OPENERS =
      Arrays.stream(Position.values())
          .map(position -> position.phrase().getFirst())
          .collect(Collectors.toUnmodifiableSet());
  private static final String POSITION_PHRASES =
      Arrays.stream(Position.values())
          .map(position -> "\"" + String.join(" ", position.phrase()) + "\"")
          .collect(Collectors.joining(", "));
  private static final String BACKGROUND_PHRASE =
      "\"" + CaptionGrammar.BACKGROUND_PREPOSITION + " a <colour> background\"";
  private static final Set<String> VOCABULARY = Set.copyOf(CaptionGrammar.vocabulary());

  /**
   * What the caption states.
   *
   * @throws CaptionSyntaxException naming the first word that does not fit the grammar
   */
  public CaptionAttributes parse(String caption) {
    Objects.requireNonNull(caption, "caption");
    return new Reader(caption).caption();
  }

  /** One pass over one caption's words. */
  private static final class Reader {
    private final String echo;
    private final List<String> words;
    private int next;

    Reader(String caption) {
      this.echo = caption.length() > MAX_ECHO ? caption.substring(0, MAX_ECHO) + "…" : caption;
      String cleaned = caption.strip().toLowerCase(Locale.ROOT);
      this.words = cleaned.isEmpty() ? List.of() : List.of(cleaned.split("\\s+"));
    }

    CaptionAttributes caption() {
      if (words.isEmpty()) {
        throw new CaptionSyntaxException(
            echo, 1, "is empty; a caption states a count, a colour and a shape: \"a red circle\"");
      }
      int countAt = next;
      int count = take(COUNTS, "a count " + listed(COUNTS));
      Optional<SizeClass> size = takeIf(SIZES);
      NamedColour colour =
          take(
              COLOURS,
              (size.isEmpty() ? "a size " + listed(SIZES) + " or " : "")
                  + "a colour "
                  + listed(COLOURS));
      requireArticle(countAt);
      ShapeKind shape =
          count == 1
              ? take(SHAPES, "a shape " + listed(SHAPES))
              : take(PLURAL_SHAPES, "a shape in the plural " + listed(PLURAL_SHAPES));
      Optional<Position> position = Optional.empty();
      if (atPosition()) {
        position = Optional.of(position());
      }
      Optional<NamedColour> background = Optional.empty();
      if (next < words.size()) {
        background = Optional.of(background(colour, position.isEmpty()));
      }
      if (next < words.size()) {
        throw misfit("the end of the caption");
      }
      return new CaptionAttributes(colour, shape, count, size, position, background);
    }

    /** Whether a position phrase follows; "on" opens it only with "the" after it. */
    private boolean atPosition() {
      if (next >= words.size() || !POSITION_OPENERS.contains(words.get(next))) {
        return false;
      }
      return !words.get(next).equals(CaptionGrammar.BACKGROUND_PREPOSITION)
          || next + 1 >= words.size()
          || words.get(next + 1).equals(THE);
    }

    private Position position() {
      String preposition = words.get(next++);
      take(Map.of(THE, true), "\"" + THE + "\"");
      int placeAt = next;
      Position place = take(PLACES, "a place " + listed(PLACES));
      if (!place.phrase().getFirst().equals(preposition)) {
        throw new CaptionSyntaxException(
            echo,
            placeAt + 1,
            "\""
                + preposition
                + " the "
                + place.word()
                + "\" is not a position; positions are "
                + POSITION_PHRASES);
      }
      return place;
    }

    private NamedColour background(NamedColour colour, boolean positionAllowed) {
      take(
          Map.of(CaptionGrammar.BACKGROUND_PREPOSITION, true),
          positionAllowed
              ? "the end, a position (" + POSITION_PHRASES + ") or " + BACKGROUND_PHRASE
              : "the end or " + BACKGROUND_PHRASE);
      int articleAt = next;
      take(ARTICLES, "\"a\" or \"an\"");
      NamedColour background = take(COLOURS, "a colour " + listed(COLOURS));
      requireArticle(articleAt);
      if (background == colour) {
        throw new CaptionSyntaxException(
            echo,
            next,
            "word "
                + next
                + " \""
                + background.word()
                + "\": the background colour must differ from the shapes' colour");
      }
      take(
          Map.of(CaptionGrammar.BACKGROUND_WORD, true),
          "\"" + CaptionGrammar.BACKGROUND_WORD + "\"");
      return background;
    }

    /** A singular article must be "an" before a vowel and "a" otherwise. */
    private void requireArticle(int articleAt) {
      String article = words.get(articleAt);
      if (!ARTICLES.containsKey(article)) {
        return;
      }
      String following = words.get(articleAt + 1);
      String expected = CaptionGrammar.article(following);
      if (!article.equals(expected)) {
        throw new CaptionSyntaxException(
            echo,
            articleAt + 1,
            "word %d \"%s\" must be \"%s\" before \"%s\""
                .formatted(articleAt + 1, article, expected, following));
      }
    }

    private <T> T take(Map<String, T> options, String expected) {
      if (next >= words.size()) {
        throw new CaptionSyntaxException(
            echo, next + 1, "ends after word " + next + "; expected " + expected);
      }
      T value = options.get(words.get(next));
      if (value == null) {
        throw misfit(expected);
      }
      next++;
      return value;
    }

    private <T> Optional<T> takeIf(Map<String, T> options) {
      if (next < words.size() && options.containsKey(words.get(next))) {
        return Optional.of(options.get(words.get(next++)));
      }
      return Optional.empty();
    }

    private CaptionSyntaxException misfit(String expected) {
      String word = words.get(next);
      String shown = word.length() > MAX_WORD_ECHO ? word.substring(0, MAX_WORD_ECHO) + "…" : word;
      String problem =
          VOCABULARY.contains(word) ? "cannot stand here" : "is not a word of the caption grammar";
      return new CaptionSyntaxException(
          echo,
          next + 1,
          "word " + (next + 1) + " \"" + shown + "\" " + problem + "; expected " + expected);
    }
  }

  private static String listed(Map<String, ?> options) {
    return "(" + String.join(", ", options.keySet().stream().sorted().toList()) + ")";
  }

  private static <T> Map<String, T> byWord(T[] values, Function<T, String> word) {
    Map<String, T> map = new LinkedHashMap<>();
    for (T value : values) {
      map.put(word.apply(value), value);
    }
    return Map.copyOf(map);
  }
}
