package com.diffusionlab.scheduling.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.diffusionlab.engine.DeviceSpeed;
import com.diffusionlab.engine.GenerationWork.Cost;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceFitTest {

  /** 0.1 ms per kernel call, 50 GFLOP/s. */
  private static final DeviceSpeed TRUE = new DeviceSpeed(50e9, 1e-4);

  private static DeviceFit.Sample sample(double calls, double flops, double noise) {
    Cost work = new Cost(flops, calls);
    return new DeviceFit.Sample(work, TRUE.seconds(work) * noise);
  }

  @Test
  void runsOfSmallAndLargeWorkRecoverBothRates() {
    List<DeviceFit.Sample> samples =
        List.of(
            sample(4_000, 1e9, 1),
            sample(8_000, 5e9, 1),
            sample(4_000, 40e9, 1),
            sample(12_000, 200e9, 1));

    DeviceFit fit = DeviceFit.of(samples, () -> new DeviceSpeed(1e9, 1));

    assertThat(fit.speed().flopsPerSecond()).isCloseTo(50e9, within(1e3));
    assertThat(fit.speed().secondsPerCall()).isCloseTo(1e-4, within(1e-12));
    assertThat(fit.runs()).isEqualTo(4);
    assertThat(fit.band().low()).isCloseTo(1 - Band.MIN_SPREAD, within(1e-9));
  }

  /**
   * Runs of one configuration cannot tell the rates apart: the probe's are scaled together to them,
   * so the probe's ratio of call time to arithmetic stays.
   */
  @Test
  void runsOfOneConfigurationScaleTheProbe() {
    DeviceSpeed probe = new DeviceSpeed(100e9, 0.5e-4);
    List<DeviceFit.Sample> samples =
        List.of(sample(4_000, 1e9, 1), sample(4_000, 1e9, 1), sample(4_000, 1e9, 1));

    DeviceFit fit = DeviceFit.of(samples, () -> probe);

    // the runs took 0.42 s; the probe says 0.21 s: both rates twice as slow
    assertThat(fit.speed().flopsPerSecond()).isCloseTo(50e9, within(1e3));
    assertThat(fit.speed().secondsPerCall()).isCloseTo(1e-4, within(1e-12));
  }

  @Test
  void withoutRunsTheProbeStandsWithAWideBand() {
    DeviceSpeed probe = new DeviceSpeed(100e9, 0.5e-4);

    DeviceFit fit = DeviceFit.of(List.of(), () -> probe);

    assertThat(fit.speed()).isEqualTo(probe);
    assertThat(fit.band().low()).isEqualTo(0.5);
    assertThat(fit.band().high()).isEqualTo(2);
  }

  @Test
  void noisyRunsGiveTheirSpreadAsTheBand() {
    List<DeviceFit.Sample> samples =
        List.of(
            sample(4_000, 1e9, 0.8),
            sample(8_000, 5e9, 1.2),
            sample(4_000, 40e9, 1),
            sample(12_000, 200e9, 1.1),
            sample(6_000, 20e9, 0.9));

    DeviceFit fit = DeviceFit.of(samples, () -> new DeviceSpeed(1e9, 1));

    assertThat(fit.band().low()).isBetween(0.5, 0.95);
    assertThat(fit.band().high()).isBetween(1.05, 1.6);
  }
}
