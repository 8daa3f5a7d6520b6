package com.diffusionlab.scheduling.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.diffusionlab.engine.GenerationListener.Stage;
import com.diffusionlab.tracking.RunTimings;
import org.junit.jupiter.api.Test;

/** What a stopped generation did, from the stages and steps it reported. */
class RunClockTest {

  @Test
  void aRunStoppedWhileSamplingHasItsEarlierStagesItsStepsAndItsTotal() {
    RunClock clock = new RunClock();
    clock.stage(Stage.LOADING);
    clock.stage(Stage.TOKENIZING);
    clock.stage(Stage.ENCODING);
    clock.stage(Stage.SAMPLING);
    clock.step(0.25);
    clock.step(0.5);

    RunTimings timings = clock.timings();

    assertThat(timings.queueWait()).as("the run's own, kept from its start").isNull();
    assertThat(timings.load()).isNotNull().isNotNegative();
    assertThat(timings.tokenize()).isNotNull().isNotNegative();
    assertThat(timings.encode()).isNotNull().isNotNegative();
    assertThat(timings.steps()).containsExactly(0.25, 0.5);
    assertThat(timings.sampling()).isEqualTo(0.75);
    assertThat(timings.decode()).as("never reached").isNull();
    assertThat(timings.total())
        .isGreaterThanOrEqualTo(timings.load() + timings.tokenize() + timings.encode());
  }

  @Test
  void aRunStoppedWhileLoadingHasOnlyItsLoadAndTotal() {
    RunClock clock = new RunClock();
    clock.stage(Stage.LOADING);

    RunTimings timings = clock.timings();

    assertThat(timings.load()).isNotNull();
    assertThat(timings.tokenize()).isNull();
    assertThat(timings.sampling()).as("no step finished").isNull();
    assertThat(timings.steps()).isEmpty();
    assertThat(timings.total()).isGreaterThanOrEqualTo(timings.load());
  }
}
