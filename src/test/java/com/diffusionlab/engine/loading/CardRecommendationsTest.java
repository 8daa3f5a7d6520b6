package com.diffusionlab.engine.loading;

import static org.assertj.core.api.Assertions.assertThat;

import com.diffusionlab.engine.RecommendedSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CardRecommendationsTest {

  @TempDir Path folder;

  private static String card(String frontMatter) {
    return "---\n" + frontMatter + "\n---\n# a model\n\nProse that says guidance 12.\n";
  }

  @Test
  void readsHuggingFaceInferenceParametersAndASampler() {
    CardRecommendations card =
        CardRecommendations.parse(
            card(
                """
                license: mit
                inference:
                  parameters:
                    guidance_scale: 2.5
                    num_inference_steps: 30
                    width: 768
                    height: 512
                    sampler: Euler a
                """));
    assertThat(card.recommended()).isEqualTo(new RecommendedSettings(2.5, 30, "euler_a", 768, 512));
    assertThat(card.warnings()).isEmpty();
  }

  @Test
  void aCardWithoutFrontMatterOrParametersRecommendsNothing() {
    assertThat(CardRecommendations.parse("# a model\n\nUse guidance 3.\n").recommended())
        .isEqualTo(RecommendedSettings.NONE);
    assertThat(CardRecommendations.parse(card("license: mit")).recommended())
        .isEqualTo(RecommendedSettings.NONE);
    assertThat(CardRecommendations.parse("").recommended()).isEqualTo(RecommendedSettings.NONE);
  }

  @Test
  void valuesTheEngineWouldRefuseAreLeftOutWithAReason() {
    CardRecommendations card =
        CardRecommendations.parse(
            card(
                """
                inference:
                  parameters:
                    guidance_scale: 1000
                    num_inference_steps: 2.5
                    width: 100
                    height: "tall"
                    sampler: "warp\\u0007drive"
                """));
    assertThat(card.recommended()).isEqualTo(RecommendedSettings.NONE);
    assertThat(card.warnings())
        .hasSize(5)
        .anySatisfy(w -> assertThat(w).contains("guidance_scale=1000 is left out: a number"))
        .anySatisfy(w -> assertThat(w).contains("num_inference_steps=2.5"))
        .anySatisfy(w -> assertThat(w).contains("width=100 is left out: a multiple of 8"))
        .anySatisfy(w -> assertThat(w).contains("height=tall"))
        .anySatisfy(w -> assertThat(w).contains("sampler=warp?drive"));
  }

  @Test
  void hostileYamlIsRefusedWithoutExpandingIt() {
    String laughs =
        card(
            """
            a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
            b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
            c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
            inference: {parameters: {guidance_scale: 3}}
            """);
    CardRecommendations card = CardRecommendations.parse(laughs);
    assertThat(card.recommended()).isEqualTo(RecommendedSettings.NONE);
    assertThat(card.warnings()).singleElement().asString().contains("not valid YAML");

    CardRecommendations tagged =
        CardRecommendations.parse(card("x: !!javax.script.ScriptEngineManager [1]"));
    assertThat(tagged.recommended()).isEqualTo(RecommendedSettings.NONE);
    assertThat(tagged.warnings()).singleElement().asString().contains("not valid YAML");
  }

  @Test
  void anUnclosedFrontMatterIsReported() {
    CardRecommendations card = CardRecommendations.parse("---\ninference: {}\n# title\n");
    assertThat(card.recommended()).isEqualTo(RecommendedSettings.NONE);
    assertThat(card.warnings()).singleElement().asString().contains("no closing '---'");
  }

  @Test
  void readsTheReadmeOfAFolderOnlyAndNoMoreThanItsFirst64KiB() throws IOException {
    Path model = Files.createDirectories(folder.resolve("model"));
    Files.writeString(
        model.resolve("README.md"),
        card("inference: {parameters: {guidance_scale: 4}}") + "x".repeat(200_000));
    assertThat(CardRecommendations.of(model).recommended().cfg()).isEqualTo(4.0);

    Path single = Files.writeString(folder.resolve("model.safetensors"), "weights");
    assertThat(CardRecommendations.of(single).recommended()).isEqualTo(RecommendedSettings.NONE);

    Path huge = Files.createDirectories(folder.resolve("huge"));
    Files.writeString(huge.resolve("README.md"), "---\n" + "# pad\n".repeat(20_000) + "---\n");
    assertThat(CardRecommendations.of(huge).warnings())
        .singleElement()
        .asString()
        .contains("no closing '---' within 65536 bytes");
  }

  @Test
  void theBundledModelRecommendsGuidance3() {
    assertThat(CardRecommendations.of(Path.of("models/tiny-shapes")).recommended())
        .isEqualTo(new RecommendedSettings(3.0, 20, "euler", 64, 64));
  }
}
