package com.diffusionlab.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.diffusionlab.engine.FieldError;
import com.diffusionlab.engine.GenerationRequest;
import com.diffusionlab.engine.InvalidRequestException;
import com.diffusionlab.engine.image.ReplayMetadata;
import com.diffusionlab.engine.noise.NoiseKind;
import com.diffusionlab.engine.sampling.SamplerSettings;
import java.util.LinkedHashMap;
import org.junit.jupiter.api.Test;

class GenerationRequestsTest {

  private static final GenerationSettings GOOD = RecordedSettings.of("a cat", 7, "euler", 5);

  @Test
  void completeSettingsBecomeTheEngineRequest() {
    GenerationRequest request = GenerationRequests.toEngine(GOOD, null, null, true);
    assertThat(request.prompt()).isEqualTo("a cat");
    assertThat(request.seed()).isEqualTo(5);
    assertThat(request.cfg()).isEqualTo(7);
    assertThat(request.rng()).isEqualTo(NoiseKind.PHILOX);
    assertThat(request.width()).isEqualTo(64);
    assertThat(request.previews()).isTrue();
  }

  @Test
  void everyBadFieldIsReportedAtOnceUnderItsSettingsName() {
    GenerationSettings bad =
        GOOD.with("steps", 0)
            .with("rng", "cuda")
            .with("width", 100)
            .with("maskImage", "b".repeat(64))
            .with("strength", 0.5);
    assertThatThrownBy(() -> GenerationRequests.toEngine(bad, null, null, false))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e ->
                assertThat(e.errors().stream().map(FieldError::field))
                    .containsExactlyInAnyOrder("steps", "rng", "width", "maskImage", "strength"));
  }

  @Test
  void clipSkipIsCheckedAgainstTheModelsTextEncoderWhenItsLayersAreKnown() {
    GenerationSettings deep = GOOD.with("clipSkip", 13);

    assertThatThrownBy(() -> GenerationRequests.toEngine(deep, null, null, false, 12))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e ->
                assertThat(e.errors())
                    .containsExactly(
                        new FieldError(
                            "clipSkip",
                            "13",
                            "1 to 12 for this model (its text encoder's layers)")));
    assertThat(GenerationRequests.toEngine(GOOD.with("clipSkip", 12), null, null, false, 12))
        .extracting(GenerationRequest::clipSkip)
        .isEqualTo(12);
    assertThat(GenerationRequests.toEngine(deep, null, null, false, 0).clipSkip())
        .as("layers unknown: the engine checks when it loads the model")
        .isEqualTo(13);
  }

  @Test
  void aRunRecordsTheSamplerInItsCanonicalForm() {
    GenerationSettings recorded =
        GenerationRequests.recorded(
            GOOD.with("sampler", "dpmpp_2m_karras").with("schedule", null),
            "f".repeat(64),
            "tiny-shapes");
    assertThat(recorded.sampler()).isEqualTo("dpmpp_2m");
    assertThat(recorded.schedule()).isEqualTo("karras");
    assertThat(recorded.model()).isEqualTo("f".repeat(64));
    assertThat(recorded.modelName()).isEqualTo("tiny-shapes");
    assertThatThrownBy(
            () -> GenerationRequests.recorded(GOOD.with("sampler", "magic"), "f".repeat(64), "x"))
        .hasMessageContaining("sampler=magic");
  }

  @Test
  void aDiffusionLabPngsMetadataGivesItsOneImagesSettings() {
    ReplayMetadata replay =
        new ReplayMetadata(
            "0.1.0",
            "tiny-shapes",
            "c".repeat(64),
            "torch-cpu",
            42,
            2,
            new SamplerSettings("ddim", "normal", 0.3),
            12,
            3.5,
            64,
            48,
            "a star",
            "blurry",
            null,
            2,
            "fp32",
            "cpu",
            new LinkedHashMap<>());
    GenerationSettings settings = GenerationRequests.fromReplay(replay);
    assertThat(settings)
        .isEqualTo(
            new GenerationSettings(
                "c".repeat(64),
                "tiny-shapes",
                "a star",
                "blurry",
                42L,
                12,
                3.5,
                "ddim",
                "normal",
                0.3,
                64,
                48,
                1,
                "torch-cpu",
                2,
                null,
                null,
                null));
    assertThat(GenerationRequests.toEngine(settings, null, null, false).seed()).isEqualTo(42);
  }
}
