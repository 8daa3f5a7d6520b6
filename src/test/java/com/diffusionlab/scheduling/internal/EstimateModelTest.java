package com.diffusionlab.scheduling.internal;

import static com.diffusionlab.scheduling.internal.ConfigurationFitTest.observation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.diffusionlab.engine.DeviceSpeed;
import com.diffusionlab.engine.GenerationWork;
import com.diffusionlab.engine.GenerationWork.Cost;
import com.diffusionlab.scheduling.Estimate.Basis;
import com.diffusionlab.scheduling.internal.EstimateModel.Prediction;
import com.diffusionlab.scheduling.internal.EstimateModel.Target;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A synthetic device: 0.1 ms per kernel call, 10 GFLOP/s; a work of 100 calls and 1 GFLOP per step
 * per pixel-unit, 1,000 calls and 2 GFLOP fixed. A step of the 64×64 configuration thus takes 0.11
 * s, its fixed part 0.3 s.
 */
class EstimateModelTest {

  private static final DeviceSpeed DEVICE = new DeviceSpeed(10e9, 1e-4);
  private static final ConfigKey SMALL = ConfigurationFitTest.KEY;
  private static final ConfigKey LARGE =
      new ConfigKey("hash", "cpu", 128, 128, 1, "euler", true, false);
  private static final ConfigKey OTHER_MODEL =
      new ConfigKey("other", "cpu", 64, 64, 1, "euler", true, false);
  private static final Instant NOW = Instant.EPOCH.plusSeconds(3600);

  private final AtomicInteger probes = new AtomicInteger();

  private static GenerationWork work(ConfigKey key, int steps) {
    double pixels = key.width() * key.height() / 4096.0;
    return new GenerationWork(
        steps,
        new Cost(1e9 * pixels, 100),
        new Cost(1e9, 500),
        new Cost(1e9, 500),
        4_000_000,
        1_000_000);
  }

  /** A run as the synthetic device would take it, times {@code factor}; run 1 loads the model. */
  private static Observation ran(long id, ConfigKey key, int steps, double factor) {
    GenerationWork work = work(key, steps);
    return observation(
        id,
        key,
        steps,
        DEVICE.seconds(work.perEvaluation()) * factor,
        DEVICE.seconds(work.fixed()) * factor,
        id == 1 ? 1.5 : 0,
        600_000_000L + 3 * work.activationBytes());
  }

  private EstimateModel model(boolean pace) {
    return new EstimateModel(
        run -> work(run.key(), run.evaluations()),
        () -> {
          probes.incrementAndGet();
          return new DeviceSpeed(DEVICE.flopsPerSecond() * 2, DEVICE.secondsPerCall() / 2);
        },
        pace);
  }

  private Prediction predict(
      EstimateModel model, ConfigKey key, List<Observation> history, boolean held) {
    return model.predict(new Target(key, work(key, 20), held, 500_000_000L), history, NOW);
  }

  @Test
  void withoutHistoryTheProbesSpeedGivesAWideBandAndTheLoad() {
    Prediction prediction = predict(model(true), SMALL, List.of(), false);

    assertThat(prediction.basis()).isEqualTo(Basis.PROBE);
    // the probe is twice as fast as the device: half of 20 × 0.11 + 0.3 s, plus 4 MB at 200 MB/s
    assertThat(prediction.seconds()).isCloseTo(1.25 + 0.02, within(1e-9));
    assertThat(prediction.secondsHigh()).isCloseTo(2.5 + 0.02, within(1e-9));
    assertThat(prediction.peak()).isEqualTo(500_000_000L + 4_000_000 + 3_000_000);
    assertThat(probes).hasValue(1);
  }

  @Test
  void aConfigurationsOwnRunsAreTheBasisFromTheThirdWarmOne() {
    List<Observation> history = new ArrayList<>();
    // the first run loaded the model and warmed the kernels up: five times slower, and left out
    history.add(ran(1, SMALL, 20, 5));
    for (int i = 2; i <= 4; i++) {
      history.add(ran(i, SMALL, 10 * (i - 1), 1));
    }

    Prediction prediction = predict(model(false), SMALL, history, true);

    assertThat(prediction.basis()).isEqualTo(Basis.HISTORY);
    assertThat(prediction.runs()).isEqualTo(3);
    assertThat(prediction.seconds()).isCloseTo(20 * 0.11 + 0.3, within(1e-9));
    assertThat(prediction.peak()).isEqualTo(603_000_000L);
    assertThat(probes).hasValue(0);
  }

  @Test
  void anotherConfigurationOfTheModelScalesByTheCountedWork() {
    // the model's runs at 64×64 with 10, 20 and 30 steps, all 1.5 times slower than the device
    List<Observation> history =
        List.of(ran(2, SMALL, 10, 1.5), ran(3, SMALL, 20, 1.5), ran(4, SMALL, 30, 1.5));

    Prediction prediction = predict(model(false), LARGE, history, true);

    assertThat(prediction.basis()).isEqualTo(Basis.MODEL);
    GenerationWork large = work(LARGE, 20);
    assertThat(prediction.seconds()).isCloseTo(1.5 * DEVICE.seconds(large.total()), within(1e-6));
    assertThat(prediction.peak()).isEqualTo(600_000_000L + 3 * large.activationBytes());
    assertThat(probes).as("the runs fix both rates: no probe").hasValue(0);
  }

  @Test
  void aModelNewToTheDeviceTakesTheDevicesRates() {
    ConfigKey third = new ConfigKey("third", "cpu", 128, 128, 1, "euler", true, false);
    List<Observation> history = List.of(ran(2, OTHER_MODEL, 10, 1), ran(3, third, 30, 1));

    Prediction prediction = predict(model(false), SMALL, history, true);

    assertThat(prediction.basis()).isEqualTo(Basis.DEVICE);
    assertThat(prediction.seconds())
        .isCloseTo(DEVICE.seconds(work(SMALL, 20).total()), within(1e-6));
  }

  @Test
  void theDevicesRecentPaceScalesEveryPredictionHalfWay() {
    List<Observation> history = new ArrayList<>();
    for (int i = 1; i <= 20; i++) {
      history.add(ran(i, SMALL, 20, 1));
    }
    // the last three ran twice as slow: something else took the device
    for (int i = 21; i <= 23; i++) {
      history.add(ran(i, SMALL, 20, 2));
    }
    history.replaceAll(run -> atMinute(run, run.runId() - 23));

    Prediction steady = predict(model(false), SMALL, history, true);
    Prediction paced = predict(model(true), SMALL, history, true);

    assertThat(steady.seconds()).isCloseTo(2.5, within(1e-9));
    // half-way in ratio towards the last three runs' pace
    assertThat(paced.seconds()).isCloseTo(2.5 * Math.sqrt(2), within(1e-9));
  }

  /** The run as finished {@code minutes} from {@link #NOW}. */
  private static Observation atMinute(Observation run, long minutes) {
    return new Observation(
        run.runId(),
        NOW.plusSeconds(minutes * 60),
        run.key(),
        run.shape(),
        run.evaluations(),
        run.load(),
        run.compute(),
        run.sampling(),
        run.peakBytes(),
        null,
        null,
        null);
  }
}
