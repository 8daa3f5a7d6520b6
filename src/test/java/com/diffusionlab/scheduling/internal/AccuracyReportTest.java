package com.diffusionlab.scheduling.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.diffusionlab.scheduling.EstimateAccuracy;
import com.diffusionlab.scheduling.EstimateAccuracy.Configuration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AccuracyReportTest {

  private static final ConfigKey SMALL = ConfigurationFitTest.KEY;
  private static final ConfigKey LARGE =
      new ConfigKey("gone", "cpu", 128, 128, 2, "ddim", false, false);

  /** A 10-second run whose estimate was {@code estimated}, with a band of ±1 s around it. */
  private static Observation run(long id, ConfigKey key, Double estimated) {
    Observation ran = ConfigurationFitTest.observation(id, key, 20, 0.4, 2, 0, null);
    return new Observation(
        ran.runId(),
        ran.finishedAt(),
        key,
        ran.shape(),
        ran.evaluations(),
        ran.load(),
        ran.compute(),
        ran.sampling(),
        null,
        estimated,
        estimated == null ? null : estimated - 1,
        estimated == null ? null : estimated + 1);
  }

  @Test
  void errorsBiasAndBandPerConfigurationOverItsLatestRuns() {
    List<Observation> runs = new ArrayList<>();
    // 30 runs of the small configuration: the first ten estimated at 20 s (+100%), then 8, 9,
    // 10.5, 11, 12 s (−20%, −10%, +5%, +10%, +20%) four times over
    for (int i = 0; i < 10; i++) {
      runs.add(run(i, SMALL, 20.0));
    }
    double[] estimates = {8, 9, 10.5, 11, 12};
    for (int i = 0; i < 20; i++) {
      runs.add(run(10 + i, SMALL, estimates[i % 5]));
    }
    runs.add(run(40, LARGE, 5.0));
    runs.add(run(41, LARGE, null));

    EstimateAccuracy accuracy = AccuracyReport.of(runs, Map.of("hash", "tiny-shapes")::get);

    assertThat(accuracy.runs()).isEqualTo(31);
    assertThat(accuracy.configurations())
        .extracting(Configuration::model)
        .containsExactly("gone", "tiny-shapes");
    Configuration small = accuracy.configurations().get(1);
    assertThat(small.runs()).isEqualTo(30);
    assertThat(small.medianErrorPercent()).isCloseTo(10, within(1e-9));
    assertThat(small.biasPercent()).isCloseTo(5, within(1e-9));
    // 10 s is within ±1 s of 9, 10.5 and 11 s
    assertThat(small.inBandPercent()).isCloseTo(60, within(1e-9));
    Configuration large = accuracy.configurations().get(0);
    assertThat(large.medianErrorPercent()).isCloseTo(50, within(1e-9));
    assertThat(large.biasPercent()).isCloseTo(-50, within(1e-9));
    assertThat(large.inBandPercent()).isZero();
    // overall: the latest 31 (under 100): ten at 100%, 20 spread around 10%, one at 50%
    assertThat(accuracy.medianErrorPercent()).isCloseTo(20, within(1e-9));
  }

  @Test
  void withoutEstimatesThereIsNothingToReport() {
    EstimateAccuracy accuracy = AccuracyReport.of(List.of(run(1, SMALL, null)), hash -> null);

    assertThat(accuracy.runs()).isZero();
    assertThat(accuracy.medianErrorPercent()).isNull();
    assertThat(accuracy.configurations()).isEmpty();
  }
}
