package com.diffusionlab.engine.shapes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CaptionGrammarTest {

  @Test
  void writesCaptionsAsTheGrammarSpellsThem() {
    assertThat(
            caption(NamedColour.RED, ShapeKind.CIRCLE, 1, SizeClass.LARGE, null, NamedColour.BLUE))
        .isEqualTo("a large red circle on a blue background");
    assertThat(caption(NamedColour.GREEN, ShapeKind.SQUARE, 2, null, Position.TOP, null))
        .isEqualTo("two green squares at the top");
    assertThat(caption(NamedColour.YELLOW, ShapeKind.STAR, 3, SizeClass.SMALL, Position.LEFT, null))
        .isEqualTo("three small yellow stars on the left");
    assertThat(
            caption(
                NamedColour.PURPLE, ShapeKind.RING, 1, null, Position.CENTRE, NamedColour.WHITE))
        .isEqualTo("a purple ring in the centre on a white background");
    assertThat(caption(NamedColour.ORANGE, ShapeKind.TRIANGLE, 1, null, Position.BOTTOM, null))
        .isEqualTo("an orange triangle at the bottom");
    assertThat(
            caption(
                NamedColour.PINK, ShapeKind.CIRCLE, 2, null, Position.RIGHT, NamedColour.ORANGE))
        .isEqualTo("two pink circles on the right on an orange background");
  }

  @Test
  void listsEveryWordItWrites() {
    assertThat(CaptionGrammar.vocabulary())
        .containsExactly(
            "a",
            "an",
            "at",
            "background",
            "black",
            "blue",
            "bottom",
            "centre",
            "circle",
            "circles",
            "cyan",
            "green",
            "in",
            "large",
            "left",
            "on",
            "orange",
            "pink",
            "purple",
            "red",
            "right",
            "ring",
            "rings",
            "small",
            "square",
            "squares",
            "star",
            "stars",
            "the",
            "three",
            "top",
            "triangle",
            "triangles",
            "two",
            "white",
            "yellow");
  }

  @Test
  void knowsItsLongestCaption() {
    // count, size, colour, shape, a three-word position, "on a <colour> background"
    assertThat(CaptionGrammar.longestCaptionWords()).isEqualTo(11);
  }

  @Test
  void givesBalancedEvaluationPromptsStatingPositionAndBackground() {
    List<String> prompts = CaptionGrammar.prompts(3, 300);
    CaptionParser parser = new CaptionParser();
    List<CaptionAttributes> stated = prompts.stream().map(parser::parse).toList();
    assertThat(stated)
        .allSatisfy(
            attributes -> {
              assertThat(attributes.size()).isEmpty();
              assertThat(attributes.position()).isPresent();
              assertThat(attributes.background()).isPresent();
            });
    assertThat(counts(stated, CaptionAttributes::colour).values()).containsOnly(30L);
    assertThat(counts(stated, CaptionAttributes::shape).values()).containsOnly(60L);
    assertThat(counts(stated, CaptionAttributes::count).values()).containsOnly(100L);
    assertThat(counts(stated, attributes -> attributes.position().orElseThrow()).values())
        .containsOnly(60L);
    // each colour 30 times ± a few: it is a balanced step away from a balanced colour
    assertThat(counts(stated, attributes -> attributes.background().orElseThrow()))
        .hasSize(10)
        .allSatisfy((colour, count) -> assertThat(count).isBetween(15L, 45L));
    assertThat(CaptionGrammar.prompts(3, 300)).isEqualTo(prompts);
    assertThat(CaptionGrammar.prompts(4, 300)).isNotEqualTo(prompts);
    assertThat(CaptionGrammar.prompts(3, 0)).isEmpty();
  }

  @Test
  void unevenPromptCountsDifferByAtMostOnePerValue() {
    List<CaptionAttributes> stated =
        CaptionGrammar.prompts(8, 23).stream().map(new CaptionParser()::parse).toList();
    assertThat(counts(stated, CaptionAttributes::shape).values())
        .allSatisfy(count -> assertThat(count).isBetween(4L, 5L));
    assertThat(counts(stated, CaptionAttributes::count).values())
        .allSatisfy(count -> assertThat(count).isBetween(7L, 8L));
  }

  @Test
  void refusesProbabilitiesOutsideZeroToOne() {
    assertThatThrownBy(() -> new CaptionGrammar(1.5, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sizeProbability must be from 0 to 1, got 1.5");
    assertThatThrownBy(() -> new CaptionGrammar(0, Double.NaN, 0))
        .hasMessage("positionProbability must be from 0 to 1, got NaN");
    assertThatThrownBy(() -> new CaptionGrammar(0, 0, -0.1))
        .hasMessage("backgroundProbability must be from 0 to 1, got -0.1");
    assertThatThrownBy(() -> CaptionGrammar.prompts(1, -1))
        .hasMessage("n must not be negative, got -1");
  }

  private static String caption(
      NamedColour colour,
      ShapeKind shape,
      int count,
      SizeClass size,
      Position position,
      NamedColour background) {
    return CaptionGrammar.caption(
        new CaptionAttributes(
            colour,
            shape,
            count,
            Optional.ofNullable(size),
            Optional.ofNullable(position),
            Optional.ofNullable(background)));
  }

  private static <T> Map<T, Long> counts(
      List<CaptionAttributes> stated, Function<CaptionAttributes, T> attribute) {
    return stated.stream().collect(Collectors.groupingBy(attribute, Collectors.counting()));
  }
}
