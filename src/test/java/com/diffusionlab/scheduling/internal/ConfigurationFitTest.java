package com.diffusionlab.scheduling.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.diffusionlab.engine.GenerationShape;
import com.diffusionlab.engine.sampling.SamplerSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigurationFitTest {

  static final ConfigKey KEY = new ConfigKey("hash", "cpu", 64, 64, 1, "euler", true, false);

  /**
   * A run of {@code steps} steps at 0.5 s each and 2 s of encoding and decoding, everything slowed
   * by {@code factor}.
   */
  static Observation run(long id, int steps, double factor) {
    return observation(id, KEY, steps, 0.5 * factor, 2 * factor, 0, 700_000_000L);
  }

  static Observation observation(
      long id, ConfigKey key, int steps, double perStep, double fixed, double load, Long peak) {
    GenerationShape shape =
        new GenerationShape(
            key.width(),
            key.height(),
            key.batch(),
            steps,
            key.guided() ? 3 : 1,
            SamplerSettings.of(key.sampler()),
            1,
            false);
    double sampling = perStep * steps;
    return new Observation(
        id,
        Instant.EPOCH.plusSeconds(id * 60),
        key,
        shape,
        steps,
        load,
        sampling + fixed,
        sampling,
        peak,
        null,
        null,
        null);
  }

  @Test
  void theMediansOfStepsAndFixedPartIgnoreARunSlowedByANeighbour() {
    List<Observation> runs = new ArrayList<>();
    int[] steps = {10, 20, 30};
    for (int i = 0; i < 9; i++) {
      runs.add(run(i, steps[i % 3], 1));
    }
    runs.add(run(9, 20, 5));

    ConfigurationFit fit = ConfigurationFit.of(runs);

    assertThat(fit.perEvaluation()).isCloseTo(0.5, within(1e-9));
    assertThat(fit.fixed()).isCloseTo(2, within(1e-9));
    assertThat(fit.compute(40)).isCloseTo(22, within(1e-9));
    assertThat(fit.runs()).isEqualTo(10);
  }

  /**
   * Ratios actual / fitted of 0.8, 0.9, 1.0, 1.1, 1.2 (twice each): the 10th and 90th percentiles
   * are 0.8 and 1.2, widened by 1 + 2/10 for a sample of ten: 0.76 to 1.24.
   */
  @Test
  void theBandIsTheSpreadOfTheRunsAroundTheFitWidenedForASmallSample() {
    List<Observation> runs = new ArrayList<>();
    double[] factors = {0.8, 0.9, 1.0, 1.1, 1.2};
    for (int i = 0; i < 10; i++) {
      runs.add(run(i, 20, factors[i % 5]));
    }

    Band band = ConfigurationFit.of(runs).band();

    assertThat(band.low()).isCloseTo(1 - 0.2 * 1.2, within(1e-9));
    assertThat(band.high()).isCloseTo(1 + 0.2 * 1.2, within(1e-9));
  }

  @Test
  void identicalRunsStillGetTheNarrowestBand() {
    Band band = ConfigurationFit.of(List.of(run(1, 20, 1), run(2, 20, 1), run(3, 20, 1))).band();

    assertThat(band.low()).isCloseTo(1 - Band.MIN_SPREAD, within(1e-9));
    assertThat(band.high()).isCloseTo(1 + Band.MIN_SPREAD, within(1e-9));
  }
}
