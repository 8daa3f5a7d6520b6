package com.diffusionlab.engine.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.diffusionlab.engine.EngineException;
import com.diffusionlab.engine.ModelFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchedulerConfigTest {

  /** runwayml/stable-diffusion-v1-5, scheduler/scheduler_config.json. */
  private static final String SD15 =
      """
      {
        "_class_name": "PNDMScheduler",
        "_diffusers_version": "0.6.0",
        "beta_end": 0.012,
        "beta_schedule": "scaled_linear",
        "beta_start": 0.00085,
        "num_train_timesteps": 1000,
        "set_alpha_to_one": false,
        "skip_prk_steps": true,
        "steps_offset": 1,
        "trained_betas": null,
        "clip_sample": false
      }
      """;

  /** stabilityai/stable-diffusion-2 (768-v), scheduler/scheduler_config.json. */
  private static final String SD2_V =
      """
      {
        "_class_name": "DDIMScheduler",
        "_diffusers_version": "0.8.0",
        "beta_end": 0.012,
        "beta_schedule": "scaled_linear",
        "beta_start": 0.00085,
        "clip_sample": false,
        "num_train_timesteps": 1000,
        "prediction_type": "v_prediction",
        "set_alpha_to_one": false,
        "skip_prk_steps": true,
        "steps_offset": 1,
        "trained_betas": null
      }
      """;

  @Test
  void readsStableDiffusion15() {
    SchedulerConfig config = SchedulerConfig.fromJson(SD15);

    assertThat(config.className()).isEqualTo("PNDMScheduler");
    assertThat(config.numTrainTimesteps()).isEqualTo(1000);
    assertThat(config.betaStart()).isEqualTo(0.00085);
    assertThat(config.betaEnd()).isEqualTo(0.012);
    assertThat(config.betaSchedule()).isEqualTo(BetaSchedule.SCALED_LINEAR);
    assertThat(config.predictionType()).isEqualTo(PredictionType.EPSILON);
    assertThat(config.stepsOffset()).isEqualTo(1);
    assertThat(config.timestepSpacing()).isEqualTo(TimestepSpacing.LEADING);
    assertThat(config.setAlphaToOne()).isFalse();
    assertThat(config.clipSample()).isFalse();
    assertThat(config.ignoredKeys())
        .containsEntry("_diffusers_version", "\"0.6.0\"")
        .containsEntry("skip_prk_steps", "true")
        .doesNotContainKey("beta_end");
  }

  @Test
  void readsVPredictionOfStableDiffusion2() {
    SchedulerConfig config = SchedulerConfig.fromJson(SD2_V);

    assertThat(config.predictionType()).isEqualTo(PredictionType.V_PREDICTION);
    assertThat(config.className()).isEqualTo("DDIMScheduler");
  }

  @Test
  void defaultsAreThoseOfStableDiffusion15() {
    assertThat(SchedulerConfig.fromJson("{}"))
        .isEqualTo(SchedulerConfig.stableDiffusionDefaults())
        .usingRecursiveComparison()
        .ignoringFields("ignoredKeys")
        .isEqualTo(SchedulerConfig.fromJson(SD15));
  }

  @Test
  void nullMeansDefault() {
    SchedulerConfig config =
        SchedulerConfig.fromJson("{\"steps_offset\": null, \"prediction_type\": null}");

    assertThat(config.stepsOffset()).isEqualTo(1);
    assertThat(config.predictionType()).isEqualTo(PredictionType.EPSILON);
  }

  @Test
  void readsOtherSpacingsAndSchedules() {
    SchedulerConfig config =
        SchedulerConfig.fromJson(
            """
            {"timestep_spacing": "trailing", "beta_schedule": "squaredcos_cap_v2",
             "set_alpha_to_one": true, "steps_offset": 0, "num_train_timesteps": 500}
            """);

    assertThat(config.timestepSpacing()).isEqualTo(TimestepSpacing.TRAILING);
    assertThat(config.betaSchedule()).isEqualTo(BetaSchedule.SQUAREDCOS_CAP_V2);
    assertThat(config.setAlphaToOne()).isTrue();
    assertThat(config.stepsOffset()).isZero();
    assertThat(config.numTrainTimesteps()).isEqualTo(500);
  }

  @Test
  void stableDiffusionDefaultsTakeAnotherPredictionType() {
    SchedulerConfig config =
        SchedulerConfig.stableDiffusionDefaults().withPredictionType(PredictionType.V_PREDICTION);

    assertThat(config.predictionType()).isEqualTo(PredictionType.V_PREDICTION);
    assertThat(config.betaEnd()).isEqualTo(0.012);
  }

  @Test
  void rejectsUnknownValuesNamingKeyValueAndAllowed() {
    assertThatThrownBy(() -> SchedulerConfig.fromJson("{\"beta_schedule\": \"cosine\"}"))
        .isInstanceOf(EngineException.class)
        .hasMessage(
            "beta_schedule 'cosine' is not supported; allowed: scaled_linear, linear,"
                + " squaredcos_cap_v2");
    assertThatThrownBy(() -> SchedulerConfig.fromJson("{\"prediction_type\": \"sample\"}"))
        .hasMessage("prediction_type 'sample' is not supported; allowed: epsilon, v_prediction");
    assertThatThrownBy(() -> SchedulerConfig.fromJson("{\"timestep_spacing\": \"karras\"}"))
        .hasMessage(
            "timestep_spacing 'karras' is not supported; allowed: leading, trailing, linspace");
  }

  @Test
  void rejectsWrongTypes() {
    assertThatThrownBy(() -> SchedulerConfig.fromJson("{\"num_train_timesteps\": \"1000\"}"))
        .hasMessage("num_train_timesteps '\"1000\"' has the wrong type; allowed: an integer");
    assertThatThrownBy(() -> SchedulerConfig.fromJson("{\"num_train_timesteps\": 1000.5}"))
        .hasMessageStartingWith("num_train_timesteps '1000.5' has the wrong type");
    assertThatThrownBy(() -> SchedulerConfig.fromJson("{\"num_train_timesteps\": 1e40}"))
        .hasMessageContaining("num_train_timesteps");
    assertThatThrownBy(() -> SchedulerConfig.fromJson("{\"beta_start\": \"small\"}"))
        .hasMessage("beta_start '\"small\"' has the wrong type; allowed: a number");
    assertThatThrownBy(() -> SchedulerConfig.fromJson("{\"set_alpha_to_one\": 1}"))
        .hasMessage("set_alpha_to_one '1' has the wrong type; allowed: true or false");
    assertThatThrownBy(() -> SchedulerConfig.fromJson("{\"beta_schedule\": 3}"))
        .hasMessage("beta_schedule '3' has the wrong type; allowed: a string");
  }

  @Test
  void rejectsValuesOutOfRange() {
    assertThatThrownBy(() -> SchedulerConfig.fromJson("{\"num_train_timesteps\": 1}"))
        .hasMessage("num_train_timesteps 1 is out of range; allowed: 2 to 100000");
    assertThatThrownBy(() -> SchedulerConfig.fromJson("{\"num_train_timesteps\": 2000000000}"))
        .hasMessageContaining("allowed: 2 to 100000");
    assertThatThrownBy(() -> SchedulerConfig.fromJson("{\"beta_start\": 0}"))
        .hasMessage("beta_start 0.0 is out of range; allowed: greater than 0 and less than 1");
    assertThatThrownBy(() -> SchedulerConfig.fromJson("{\"beta_end\": 1.5}"))
        .hasMessageStartingWith("beta_end 1.5 is out of range");
    assertThatThrownBy(() -> SchedulerConfig.fromJson("{\"beta_start\": 0.02, \"beta_end\": 0.01}"))
        .hasMessage("beta_end 0.01 is out of range; allowed: at least beta_start 0.02");
    assertThatThrownBy(() -> SchedulerConfig.fromJson("{\"steps_offset\": -1}"))
        .hasMessage("steps_offset -1 is out of range; allowed: 0 to 999");
  }

  @Test
  void rejectsSettingsThatWouldChangeTheScheduleSilently() {
    assertThatThrownBy(() -> SchedulerConfig.fromJson("{\"trained_betas\": [0.1, 0.2]}"))
        .hasMessage(
            "trained_betas '[0.1,0.2]' is not supported; allowed: null (betas from beta_schedule)");
  }

  @Test
  void readsAndWritesZeroTerminalSnr() {
    SchedulerConfig rescaled = SchedulerConfig.fromJson("{\"rescale_betas_zero_snr\": true}");

    assertThat(rescaled.rescaleBetasZeroSnr()).isTrue();
    assertThat(rescaled.toJson()).containsEntry("rescale_betas_zero_snr", true);
    assertThat(
            SchedulerConfig.fromJson("{\"rescale_betas_zero_snr\": false}").rescaleBetasZeroSnr())
        .isFalse();
    assertThat(SchedulerConfig.stableDiffusionDefaults().rescaleBetasZeroSnr()).isFalse();
  }

  @Test
  void rejectsMalformedDocuments() {
    assertThatThrownBy(() -> SchedulerConfig.fromJson("{\"beta_end\": "))
        .isInstanceOf(EngineException.class)
        .hasMessageStartingWith("scheduler config is not valid JSON");
    assertThatThrownBy(() -> SchedulerConfig.fromJson("[1, 2]"))
        .hasMessage("scheduler config must be a JSON object");
    assertThatThrownBy(() -> SchedulerConfig.fromJson("{\"beta_end\": 0.012, \"beta_end\": 0.5}"))
        .hasMessageStartingWith("scheduler config is not valid JSON")
        .hasMessageContaining("beta_end");
  }

  @Test
  void quotesHostileValuesShortly() {
    String huge = "x".repeat(100_000);

    assertThatThrownBy(() -> SchedulerConfig.fromJson("{\"beta_schedule\": \"" + huge + "\"}"))
        .hasMessageStartingWith("beta_schedule 'xxx")
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300));
  }

  @Test
  void readsAFileAndNamesItInErrors(@TempDir Path folder) throws Exception {
    Path good = Files.writeString(folder.resolve("scheduler_config.json"), SD2_V);
    Path bad = Files.writeString(folder.resolve("bad.json"), "{\"steps_offset\": \"one\"}");
    Path huge = Files.write(folder.resolve("huge.json"), new byte[(1 << 20) + 1]);

    assertThat(SchedulerConfig.read(good).predictionType()).isEqualTo(PredictionType.V_PREDICTION);
    assertThatThrownBy(() -> SchedulerConfig.read(bad))
        .isInstanceOf(ModelFormatException.class)
        .hasMessage(bad + ": steps_offset '\"one\"' has the wrong type; allowed: an integer");
    assertThatThrownBy(() -> SchedulerConfig.read(huge))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageContaining("1048577 bytes");
    assertThatThrownBy(() -> SchedulerConfig.read(folder.resolve("missing.json")))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageContaining("cannot read scheduler config");
  }
}
