package com.diffusionlab.ui;

import static org.assertj.core.api.Assertions.assertThat;

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

/** A run's figures in words for every way it can end: never "null", never a bare dash. */
class RunFactsTest {

  private static final Instant CREATED = Instant.parse("2026-01-05T10:00:00Z");
  private static final RunTimings NOTHING =
      new RunTimings(null, null, null, null, null, null, null, List.of());

  private static Run run(RunStatus status, Instant started, RunTimings timings, Double seconds) {
    return run(status, started, timings, seconds, RunEstimate.NONE);
  }

  private static Run run(
      RunStatus status, Instant started, RunTimings timings, Double seconds, RunEstimate estimate) {
    return new Run(
        12,
        1,
        List.of(new ExperimentRef(1, "default")),
        1,
        null,
        status,
        GenerationSettings.of("abc", "two red circles").with("steps", 50),
        started == null ? null : "0.1.0",
        started == null ? null : "cpu",
        started == null ? null : "fp32",
        CREATED,
        started,
        status.finished() ? CREATED.plusSeconds(5) : null,
        timings,
        started == null ? null : 700_000_000L,
        null,
        seconds,
        seconds == null ? null : seconds * 0.001,
        1.5,
        estimate,
        status == RunStatus.CANCELLED ? "cancelled by the user" : null,
        List.of(),
        null,
        Set.of(),
        List.of(),
        null,
        null);
  }

  @Test
  void aRunCancelledWhileRunningSaysHowManyStepsItDidAndHowLong() {
    Run cancelled =
        run(
            RunStatus.CANCELLED,
            CREATED.plusSeconds(1),
            new RunTimings(0.01, null, null, null, 0.6, null, 1.25, List.of(0.2, 0.2, 0.2)),
            1.25);

    assertThat(RunFacts.outcome(cancelled))
        .isEqualTo("run 12 cancelled after 3 of 50 steps, 1.25 s");
    assertThat(RunFacts.steps(cancelled)).isEqualTo("3 of 50 steps");
    assertThat(RunFacts.seconds(cancelled, cancelled.timings().load())).isEqualTo("not recorded");
    assertThat(RunFacts.seconds(cancelled, cancelled.timings().sampling())).isEqualTo("0.60 s");
    assertThat(RunFacts.text(cancelled, cancelled.device())).isEqualTo("cpu");
  }

  @Test
  void anEstimateShowsItsBandAndBasisAgainstWhatTheRunTook() {
    RunTimings took = new RunTimings(0.01, 0.0, 0.01, 0.02, 1.5, 0.12, 1.65, List.of(0.75, 0.75));
    RunEstimate estimate = new RunEstimate(1.2, 1.8, 800_000_000L, 1.5, "HISTORY");
    Run done = run(RunStatus.SUCCEEDED, CREATED.plusSeconds(1), took, 1.65, estimate);
    Run slow =
        run(
            RunStatus.SUCCEEDED,
            CREATED.plusSeconds(1),
            new RunTimings(0.01, 0.0, 0.01, 0.02, 3.0, 0.12, 3.15, List.of(1.5, 1.5)),
            3.15,
            estimate);
    Run queued = run(RunStatus.QUEUED, null, NOTHING, null, estimate);

    assertThat(RunFacts.estimate(done))
        .isEqualTo(
            "1.50 s ± 0.30 s from runs of this configuration; took 1.65 s (+10%, within the band)");
    assertThat(RunFacts.estimate(slow)).endsWith("took 3.15 s (+110%, outside the band)");
    assertThat(RunFacts.estimate(queued))
        .isEqualTo("1.50 s ± 0.30 s from runs of this configuration");
    assertThat(RunFacts.estimatedMemory(done)).isEqualTo("800 MB; peaked at 700 MB (-13%)");
    assertThat(RunFacts.estimatedMemory(queued)).isEqualTo("800 MB");
    assertThat(RunFacts.estimatedMemory(run(RunStatus.SUCCEEDED, CREATED, took, 1.65)))
        .isEqualTo(RunFacts.NOT_RECORDED);
  }

  @Test
  void aRunCancelledInTheQueueSaysItDidNotStart() {
    Run queued = run(RunStatus.CANCELLED, null, NOTHING, null);

    assertThat(RunFacts.outcome(queued)).isEqualTo("run 12 cancelled before it started");
    assertThat(RunFacts.steps(queued)).isEqualTo("not started");
    assertThat(RunFacts.text(queued, queued.device())).isEqualTo("not started");
    assertThat(RunFacts.figure(queued, queued.peakRssBytes(), Formats::bytes))
        .isEqualTo("not started");
  }

  @Test
  void aRunThatFailedWithoutSayingWhatItDidSaysSo() {
    Run crashed = run(RunStatus.FAILED, CREATED.plusSeconds(1), NOTHING, null);

    assertThat(RunFacts.outcome(crashed)).isEqualTo("run 12 failed (steps done not recorded)");
    assertThat(RunFacts.seconds(crashed, crashed.timings().total())).isEqualTo("not recorded");
  }

  @Test
  void noFigureOfAnyRunReadsNull() {
    RunTimings some = new RunTimings(0.01, null, null, null, 0.2, null, 0.4, List.of(0.2));
    for (RunStatus status : RunStatus.values()) {
      for (Run run :
          List.of(
              run(status, null, NOTHING, null),
              run(status, CREATED.plusSeconds(1), NOTHING, null),
              run(status, CREATED.plusSeconds(1), some, 0.4))) {
        assertThat(RunFacts.outcome(run)).doesNotContain("null").doesNotContain("–");
        assertThat(RunFacts.steps(run)).doesNotContain("null");
      }
    }
  }
}
