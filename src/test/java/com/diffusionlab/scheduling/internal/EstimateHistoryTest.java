package com.diffusionlab.scheduling.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.diffusionlab.tracking.ExperimentRef;
import com.diffusionlab.tracking.GenerationSettings;
import com.diffusionlab.tracking.Run;
import com.diffusionlab.tracking.RunEstimate;
import com.diffusionlab.tracking.RunStatus;
import com.diffusionlab.tracking.RunTimings;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EstimateHistoryTest {

  private static final Instant FINISHED = Instant.parse("2026-12-06T10:15:30Z");
  private static final RunTimings TIMED =
      new RunTimings(0.1, 0.5, 0.01, 0.05, 1.0, 0.2, 1.8, List.of(0.25, 0.25, 0.25, 0.25));

  private static Run run(GenerationSettings settings, String device, RunTimings timings) {
    return new Run(
        7,
        1,
        List.of(new ExperimentRef(1, "default")),
        1,
        null,
        RunStatus.SUCCEEDED,
        settings,
        "0.1.0",
        device,
        "fp32",
        FINISHED.minusSeconds(5),
        FINISHED.minusSeconds(2),
        FINISHED,
        timings,
        700_000_000L,
        300_000_000L,
        1.8,
        0.001,
        1.5,
        new RunEstimate(1.2, 1.9, 650_000_000L, 1.5, "HISTORY"),
        null,
        List.of(),
        null,
        Set.of(),
        List.of(),
        null,
        null);
  }

  private static GenerationSettings settings() {
    return GenerationSettings.of("ab".repeat(32), "two red circles")
        .with("steps", 4)
        .with("cfg", 3.0)
        .with("sampler", "euler")
        .with("eta", 0.0)
        .with("width", 64)
        .with("height", 96)
        .with("batch", 2);
  }

  @Test
  void aSucceededRunBecomesAnObservationWithItsEstimate() {
    Observation observation = EstimateHistory.observation(run(settings(), "cpu", TIMED));

    assertThat(observation.key())
        .isEqualTo(new ConfigKey("ab".repeat(32), "cpu", 64, 96, 2, "euler", true, false));
    assertThat(observation.evaluations()).isEqualTo(4);
    assertThat(observation.load()).isEqualTo(0.5);
    assertThat(observation.compute()).isCloseTo(1.3, within(1e-9));
    assertThat(observation.fixed()).isCloseTo(0.3, within(1e-9));
    assertThat(observation.peakBytes()).isEqualTo(700_000_000L);
    assertThat(observation.estimated()).isEqualTo(1.5);
    assertThat(observation.estimatedLow()).isEqualTo(1.2);
    assertThat(observation.estimatedHigh()).isEqualTo(1.9);
    assertThat(observation.finishedAt()).isEqualTo(FINISHED);
  }

  @Test
  void onAGpuThePeakIsTheDevicesMemory() {
    assertThat(EstimateHistory.observation(run(settings(), "gpu", TIMED)).peakBytes())
        .isEqualTo(300_000_000L);
  }

  @Test
  void img2imgRunsAShareOfTheScheduleAndEncodesTheImage() {
    var shape =
        EstimateHistory.shape(settings().with("initImage", "cd".repeat(32)).with("strength", 0.6));

    assertThat(shape.imageInput()).isTrue();
    assertThat(shape.strength()).isEqualTo(0.6);
    assertThat(EstimateHistory.shape(settings()).strength()).isEqualTo(1);
  }

  @Test
  void runsWithoutTheirTimingsTeachNothing() {
    RunTimings none = new RunTimings(null, null, null, null, null, null, null, List.of());

    assertThat(EstimateHistory.observation(run(settings(), "cpu", none))).isNull();
    assertThat(EstimateHistory.observation(run(settings(), null, TIMED))).isNull();
  }
}
