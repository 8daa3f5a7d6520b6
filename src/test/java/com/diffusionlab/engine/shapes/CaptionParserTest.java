package com.diffusionlab.engine.shapes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CaptionParserTest {

  private static final CaptionParser PARSER = new CaptionParser();

  @Test
  void readsBackEveryCaptionTheGrammarCanWrite() {
    int captions = 0;
    for (NamedColour colour : NamedColour.values()) {
      for (ShapeKind shape : ShapeKind.values()) {
        for (int count = 1; count <= 3; count++) {
          for (Optional<SizeClass> size : optionals(SizeClass.values())) {
            for (Optional<Position> position : optionals(Position.values())) {
              for (Optional<NamedColour> background : optionals(NamedColour.values())) {
                if (background.equals(Optional.of(colour))) {
                  continue;
                }
                CaptionAttributes attributes =
                    new CaptionAttributes(colour, shape, count, size, position, background);
                assertThat(PARSER.parse(CaptionGrammar.caption(attributes))).isEqualTo(attributes);
                captions++;
              }
            }
          }
        }
      }
    }
    // 10 colours × 5 shapes × 3 counts × 3 size choices × 6 position choices × 10 background
    // choices (none or one of the 9 other colours)
    assertThat(captions).isEqualTo(10 * 5 * 3 * 3 * 6 * 10);
  }

  @Test
  void readsHandWrittenCaptionsIgnoringCaseAndSpacing() {
    assertThat(PARSER.parse("  Three SMALL yellow stars   on the left\t"))
        .isEqualTo(
            new CaptionAttributes(
                NamedColour.YELLOW,
                ShapeKind.STAR,
                3,
                Optional.of(SizeClass.SMALL),
                Optional.of(Position.LEFT),
                Optional.empty()));
    assertThat(PARSER.parse("an orange ring on a black background"))
        .isEqualTo(
            new CaptionAttributes(
                NamedColour.ORANGE,
                ShapeKind.RING,
                1,
                Optional.empty(),
                Optional.empty(),
                Optional.of(NamedColour.BLACK)));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          ''                                              | 1 | is empty; a caption states a count, a colour and a shape: "a red circle"
          a red cirle                                     | 3 | word 3 "cirle" is not a word of the caption grammar; expected a shape (circle, ring, square, star, triangle)
          a orange circle                                 | 1 | word 1 "a" must be "an" before "orange"
          an large red circle                             | 1 | word 1 "an" must be "a" before "large"
          two red circle                                  | 3 | word 3 "circle" cannot stand here; expected a shape in the plural (circles, rings, squares, stars, triangles)
          a red                                           | 3 | ends after word 2; expected a shape (circle, ring, square, star, triangle)
          red circle                                      | 1 | word 1 "red" cannot stand here; expected a count (a, an, three, two)
          a small large red circle                        | 3 | word 3 "large" cannot stand here; expected a colour (black, blue, cyan, green, orange, pink, purple, red, white, yellow)
          a red circle at the left                        | 6 | "at the left" is not a position; positions are "on the left", "on the right", "at the top", "at the bottom", "in the centre"
          a red circle in the middle                      | 6 | word 6 "middle" is not a word of the caption grammar; expected a place (bottom, centre, left, right, top)
          a red circle on a red background                | 6 | word 6 "red": the background colour must differ from the shapes' colour
          a red circle on a blue background please        | 8 | word 8 "please" is not a word of the caption grammar; expected the end of the caption
          a red circle on a blue background on the left   | 8 | word 8 "on" cannot stand here; expected the end of the caption
          a red circle on the left at the top             | 7 | word 7 "at" cannot stand here; expected the end or "on a <colour> background"
          a red circle with                               | 4 | word 4 "with" is not a word of the caption grammar; expected the end, a position ("on the left", "on the right", "at the top", "at the bottom", "in the centre") or "on a <colour> background"
          """)
  void refusesTextOutsideTheGrammarNamingTheWord(String caption, int wordNumber, String problem) {
    assertThatThrownBy(() -> PARSER.parse(caption))
        .isInstanceOfSatisfying(
            CaptionSyntaxException.class,
            e -> {
              assertThat(e.wordNumber()).isEqualTo(wordNumber);
              assertThat(e.caption()).isEqualTo(caption);
            })
        .hasMessage("caption \"" + caption + "\": " + problem);
  }

  @Test
  void cutsLongCaptionsInItsMessages() {
    String caption = "a red circle " + "x".repeat(500);
    assertThatThrownBy(() -> PARSER.parse(caption))
        .isInstanceOf(CaptionSyntaxException.class)
        .hasMessageStartingWith("caption \"a red circle xxx")
        .hasMessageContaining("…\": word 4 \"" + "x".repeat(40) + "…\" is not a word")
        .message()
        .doesNotContain("x".repeat(121));
  }

  private static <T> List<Optional<T>> optionals(T[] values) {
    List<Optional<T>> options = new ArrayList<>();
    options.add(Optional.empty());
    for (T value : values) {
      options.add(Optional.of(value));
    }
    return options;
  }
}
