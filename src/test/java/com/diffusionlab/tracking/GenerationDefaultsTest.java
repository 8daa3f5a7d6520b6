package com.diffusionlab.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import com.diffusionlab.engine.RecommendedSettings;
import org.junit.jupiter.api.Test;

class GenerationDefaultsTest {

  private final GenerationDefaults defaults =
      new GenerationDefaults("ugly", 25, 6.5, "dpmpp_2m", "", 0, 2, "torch-cpu", 2, 0.6);

  @Test
  void unsetFieldsTakeTheDefaultsAndTheModelsSize() {
    GenerationSettings complete =
        defaults.complete(GenerationSettings.of("tiny", "a cat"), 64, RecommendedSettings.NONE);
    assertThat(complete.negativePrompt()).isEqualTo("ugly");
    assertThat(complete.steps()).isEqualTo(25);
    assertThat(complete.cfg()).isEqualTo(6.5);
    assertThat(complete.sampler()).isEqualTo("dpmpp_2m");
    assertThat(complete.schedule()).as("empty means the sampler's own").isNull();
    assertThat(complete.width()).isEqualTo(64);
    assertThat(complete.height()).isEqualTo(64);
    assertThat(complete.batch()).isEqualTo(2);
    assertThat(complete.rng()).isEqualTo("torch-cpu");
    assertThat(complete.clipSkip()).isEqualTo(2);
    assertThat(complete.seed()).as("drawn by the caller").isNull();
    assertThat(complete.strength()).as("txt2img has none").isNull();
  }

  private static final RecommendedSettings CARD =
      new RecommendedSettings(3.0, 12, "ddim", 96, null);

  @Test
  void theModelCardsRecommendationsComeBeforeTheConfiguredDefaults() {
    GenerationSettings complete =
        defaults.complete(GenerationSettings.of("tiny", "a cat"), 64, CARD);
    assertThat(complete.cfg()).isEqualTo(3.0);
    assertThat(complete.steps()).isEqualTo(12);
    assertThat(complete.sampler()).isEqualTo("ddim");
    assertThat(complete.width()).isEqualTo(96);
    assertThat(complete.height()).as("the card says nothing: the trained size").isEqualTo(64);
    assertThat(complete.negativePrompt()).as("not on cards: configured").isEqualTo("ugly");
    assertThat(defaults.forModel("tiny", 64, CARD)).isEqualTo(complete.with("prompt", ""));
  }

  @Test
  void givenFieldsStay() {
    GenerationSettings asked =
        GenerationSettings.of("tiny", "a cat").with("steps", 9).with("width", 128).with("cfg", 0);
    GenerationSettings complete = defaults.complete(asked, 64, CARD);
    assertThat(complete.steps()).isEqualTo(9);
    assertThat(complete.width()).isEqualTo(128);
    assertThat(complete.height()).isEqualTo(64);
    assertThat(complete.cfg()).isZero();
  }

  @Test
  void img2imgTakesTheDefaultStrength() {
    GenerationSettings asked =
        GenerationSettings.of("tiny", "a cat").with("initImage", "a".repeat(64));
    assertThat(defaults.complete(asked, 64, RecommendedSettings.NONE).strength()).isEqualTo(0.6);
  }
}
