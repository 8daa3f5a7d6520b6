package com.diffusionlab.engine.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

class PromptParserTest {

  private final PromptParser parser = new PromptParser();

  @Test
  void readsTheExamplesAutomatic1111Documents() {
    // the docstring of AUTOMATIC1111's parse_prompt_attention
    assertThat(parser.parse("normal text")).containsExactly(segment("normal text", 1.0));
    assertThat(parser.parse("an (important) word"))
        .containsExactly(segment("an ", 1.0), segment("important", 1.1), segment(" word", 1.0));
    assertThat(parser.parse("(unbalanced")).containsExactly(segment("unbalanced", 1.1));
    assertThat(parser.parse("\\(literal\\]")).containsExactly(segment("(literal]", 1.0));
    assertThat(parser.parse("(unnecessary)(parens)"))
        .containsExactly(segment("unnecessaryparens", 1.1));
    assertThat(parser.parse("a (((house:1.3)) [on] a (hill:0.5), sun, (((sky)))."))
        .containsExactly(
            segment("a ", 1.0),
            segment("house", 1.5730000000000004),
            segment(" ", 1.1),
            segment("on", 1.0),
            segment(" a ", 1.1),
            segment("hill", 0.55),
            segment(", sun, ", 1.1),
            segment("sky", 1.4641000000000006),
            segment(".", 1.1));
  }

  static Stream<Arguments> oracleCases() {
    return Fixtures.cases("a1111-prompt-cases.json").stream()
        .map(c -> Arguments.of(Fixtures.visible(c.get("prompt").stringValue()), c));
  }

  /** Expected segments from AUTOMATIC1111's own function, run outside the repository. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("oracleCases")
  void matchesAutomatic1111(String name, JsonNode testCase) {
    List<PromptSegment> expected = new ArrayList<>();
    for (JsonNode pair : testCase.get("segments")) {
      expected.add(new PromptSegment(pair.get(0).stringValue(), pair.get(1).doubleValue()));
    }
    assertThat(parser.parse(testCase.get("prompt").stringValue())).isEqualTo(expected);
  }

  @Test
  void marksBreaks() {
    List<PromptSegment> segments = parser.parse("a BREAK b");
    assertThat(segments).containsExactly(segment("a", 1.0), PromptSegment.BREAK, segment("b", 1.0));
    assertThat(segments).extracting(PromptSegment::isBreak).containsExactly(false, true, false);
    assertThat(parser.parse("a break b")).containsExactly(segment("a break b", 1.0));
  }

  @Test
  void givesOneEmptySegmentForAnEmptyPrompt() {
    assertThat(parser.parse("")).containsExactly(segment("", 1.0));
  }

  @Test
  void refusesAWeightThatIsNotANumber() {
    assertThatThrownBy(() -> parser.parse("a (b:1.2.3)"))
        .isInstanceOf(InvalidPromptException.class)
        .hasMessageContaining("'1.2.3'")
        .hasMessageContaining("character 5");
    assertThatThrownBy(() -> parser.parse("(b:.)"))
        .isInstanceOf(InvalidPromptException.class)
        .hasMessageContaining("'.'");
  }

  @Test
  void refusesWeightsThatStopBeingFinite() {
    String huge = "9".repeat(400);
    assertThatThrownBy(() -> parser.parse("(a:" + huge + ")"))
        .isInstanceOf(InvalidPromptException.class)
        .hasMessageContaining("'a'")
        .hasMessageContaining("Infinity");
    assertThatThrownBy(() -> parser.parse("((a:" + huge + "):0)"))
        .isInstanceOf(InvalidPromptException.class)
        .hasMessageContaining("NaN");
  }

  @Test
  void readsHostileRunsInLinearTime() {
    // each would take minutes if matched by backtracking from every position
    String spaces = " ".repeat(200_000);
    assertThat(parser.parse("a" + spaces + "b")).containsExactly(segment("a" + spaces + "b", 1.0));
    String digits = "1".repeat(100_000);
    assertThat(parser.parse("(a:" + digits + spaces))
        .containsExactly(segment("a:" + digits + spaces, 1.1));
  }

  @Test
  void segmentsRefuseNonFiniteWeights() {
    assertThatThrownBy(() -> new PromptSegment("a", Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("weight must be finite, got NaN");
  }

  private static PromptSegment segment(String text, double weight) {
    return new PromptSegment(text, weight);
  }
}
