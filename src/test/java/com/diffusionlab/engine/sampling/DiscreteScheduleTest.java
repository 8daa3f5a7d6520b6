package com.diffusionlab.engine.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.diffusionlab.engine.EngineException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class DiscreteScheduleTest {
  private static final SchedulerConfig SD = SchedulerConfig.stableDiffusionDefaults();
  private final DiscreteSchedule float64 = DiscreteSchedule.of(SD, BetaPrecision.FLOAT64);
  private final DiscreteSchedule float32 = DiscreteSchedule.of(SD, BetaPrecision.FLOAT32);

  /** Published for SD (and SDXL, same betas): ᾱ₀ = 1 − β₀, ᾱ₉₉₉ ≈ 0.0047, σ 0.0292 … 14.6146. */
  @ParameterizedTest
  @EnumSource(BetaPrecision.class)
  void matchesThePublishedStableDiffusionSchedule(BetaPrecision precision) {
    DiscreteSchedule schedule = DiscreteSchedule.of(SD, precision);

    assertThat(schedule.size()).isEqualTo(1000);
    assertThat(schedule.alphaCumprod(0)).isCloseTo(1 - 0.00085, within(1e-7));
    assertThat(schedule.alphaCumprod(999)).isCloseTo(0.0047, within(5e-5));
    assertThat(schedule.sigmaMax()).isCloseTo(14.6146, within(5e-5));
    assertThat(schedule.sigmaMin()).isCloseTo(0.0292, within(5e-5));
    assertThat(schedule.sigma(999)).isEqualTo(schedule.sigmaMax());
    assertThat(schedule.sigma(0)).isEqualTo(schedule.sigmaMin());
  }

  /**
   * Lin et al.'s rescaling keeps √ᾱ₀, takes √ᾱ to zero at the last step and is affine in √ᾱ in
   * between; the last step keeps diffusers' 2⁻²⁴ so that σ stays finite.
   */
  @Test
  void aZeroTerminalSnrScheduleLeavesNoSignalAtTheLastStep() {
    SchedulerConfig rescaled = SchedulerConfig.fromJson("{\"rescale_betas_zero_snr\": true}");
    DiscreteSchedule plain = DiscreteSchedule.of(SD, BetaPrecision.FLOAT32);
    DiscreteSchedule zeroSnr = DiscreteSchedule.of(rescaled, BetaPrecision.FLOAT32);

    assertThat(zeroSnr.alphaCumprod(0)).isCloseTo(plain.alphaCumprod(0), within(1e-7));
    assertThat(zeroSnr.alphaCumprod(999)).isEqualTo(0x1p-24);
    assertThat(zeroSnr.sigmaMax()).isCloseTo(4096, within(1e-3));
    double first = Math.sqrt(plain.alphaCumprod(0));
    double last = Math.sqrt(plain.alphaCumprod(999));
    double expected = (Math.sqrt(plain.alphaCumprod(500)) - last) * first / (first - last);
    assertThat(Math.sqrt(zeroSnr.alphaCumprod(500))).isCloseTo(expected, within(1e-6));
    assertThat(zeroSnr.alphaCumprod(998)).isLessThan(1e-5).isGreaterThan(0x1p-24);
  }

  /** 5000 linear steps to β = 0.02 leave ᾱ ≈ e⁻⁵⁰: nothing can keep its place above 2⁻²⁴. */
  @Test
  void refusesToRescaleAScheduleThatEndsBelowTheTerminalValue() {
    SchedulerConfig longLinear =
        SchedulerConfig.fromJson(
            "{\"beta_schedule\": \"linear\", \"beta_start\": 0.0001, \"beta_end\": 0.02,"
                + " \"num_train_timesteps\": 5000, \"rescale_betas_zero_snr\": true}");

    assertThatThrownBy(() -> DiscreteSchedule.of(longLinear, BetaPrecision.FLOAT32))
        .isInstanceOf(EngineException.class)
        .hasMessageStartingWith("rescale_betas_zero_snr true gives alphas_cumprod[4998] = ")
        .hasMessageContaining("allowed: schedules whose second-to-last value stays above 2^-24");
  }

  /**
   * Expected values from a numpy 2.4 emulation of diffusers (torch.linspace in float32 counted from
   * both ends, float32 squares and 1 − β, cumulative product accumulated in float64, stored as
   * float32), written independently of this code.
   */
  @Test
  void float32BetasReproduceDiffusersExactly() {
    assertThat(float32.alphaCumprod(0)).isEqualTo(0.9991499781608582);
    assertThat(float32.alphaCumprod(1)).isEqualTo(0.9982960224151611);
    assertThat(float32.alphaCumprod(500)).isEqualTo(0.27633246779441833);
    assertThat(float32.alphaCumprod(998)).isEqualTo(0.004716695751994848);
    assertThat(float32.alphaCumprod(999)).isEqualTo(0.00466009508818388);
    assertThat(float32.sigmaMax()).isCloseTo(14.614646624923662, within(1e-12));
  }

  /** Expected values: numpy float64 linspace and product (CompVis), stored as float32. */
  @Test
  void float64BetasReproduceCompVis() {
    assertThat(float64.alphaCumprod(500)).isCloseTo(0.27633267641067505, within(1e-8));
    assertThat(float64.alphaCumprod(998)).isCloseTo(0.004716699011623859, within(1e-9));
    assertThat(float64.alphaCumprod(999)).isCloseTo(0.004660098347812891, within(1e-9));
    assertThat(float64.sigmaMax()).isCloseTo(14.614641489691584, within(1e-6));
  }

  /** The finding recorded in {@link BetaPrecision}: the two differ, by less than 10⁻⁵ in σ. */
  @Test
  void float32AndFloat64SchedulesDifferByLessThanTenToTheMinusFive() {
    double largest = 0;
    for (int t = 0; t < 1000; t++) {
      largest = Math.max(largest, Math.abs(float32.sigma(t) / float64.sigma(t) - 1));
    }

    assertThat(largest).isBetween(5e-6, 1e-5);
  }

  /** Expected values: numpy emulation of diffusers as above, for its other beta schedules. */
  @Test
  void otherBetaSchedulesFollowDiffusers() {
    DiscreteSchedule linear =
        DiscreteSchedule.of(config(BetaSchedule.LINEAR), BetaPrecision.FLOAT32);
    DiscreteSchedule cosine =
        DiscreteSchedule.of(config(BetaSchedule.SQUAREDCOS_CAP_V2), BetaPrecision.FLOAT32);

    assertThat(linear.alphaCumprod(0)).isEqualTo(0.9998999834060669);
    assertThat(linear.alphaCumprod(500)).isEqualTo(0.07779666036367416);
    assertThat(linear.alphaCumprod(999)).isEqualTo(4.0358307160204276e-05);
    assertThat(cosine.alphaCumprod(0)).isCloseTo(0.9999586939811707, within(1e-7));
    assertThat(cosine.alphaCumprod(500)).isCloseTo(0.4922850430011749, within(1e-7));
    assertThat(cosine.alphaCumprod(999) / 2.4287349909002387e-09).isCloseTo(1, within(1e-5));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 500, 998, 999})
  void tableSigmasMapToTheirIntegerTimestep(int t) {
    assertThat(float64.sigmaToT(float64.sigma(t))).isEqualTo(t);
    assertThat(float64.tToSigma(t)).isCloseTo(float64.sigma(t), within(1e-12 * float64.sigma(t)));
  }

  @Test
  void interpolatesInLogSigma() {
    double geometricMean = Math.sqrt(float64.sigma(500) * float64.sigma(501));

    assertThat(float64.sigmaToT(geometricMean)).isCloseTo(500.5, within(1e-9));
    assertThat(float64.tToSigma(500.5)).isCloseTo(geometricMean, within(1e-12));
    assertThat(float64.tToSigma(250.25))
        .isCloseTo(
            Math.pow(float64.sigma(250), 0.75) * Math.pow(float64.sigma(251), 0.25), within(1e-12));
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.03, 0.5, 1, 7.3, 14.6})
  void sigmaToTAndBackIsTheIdentity(double sigma) {
    assertThat(float64.tToSigma(float64.sigmaToT(sigma))).isCloseTo(sigma, within(1e-12 * sigma));
  }

  @Test
  void sigmaToTClampsOutsideTheTable() {
    assertThat(float64.sigmaToT(100)).isEqualTo(999);
    assertThat(float64.sigmaToT(0.001)).isEqualTo(0);
  }

  @Test
  void rejectsArgumentsOutsideTheTable() {
    for (double sigma : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
      assertThatThrownBy(() -> float64.sigmaToT(sigma))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("sigma");
    }
    for (double t : new double[] {-0.1, 999.5, Double.NaN}) {
      assertThatThrownBy(() -> float64.tToSigma(t))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("[0, 999]");
    }
    assertThatThrownBy(() -> float64.alphaCumprod(1000))
        .hasMessage("timestep 1000 must lie in [0, 999]");
  }

  @Test
  void rejectsTablesThatDoNotRiseStrictly() {
    assertThatThrownBy(() -> DiscreteSchedule.ofAlphasCumprod(new double[] {0.9, 0.9}))
        .isInstanceOf(EngineException.class)
        .hasMessageStartingWith("alphas_cumprod[1] = 0.9 breaks the schedule");
    assertThatThrownBy(() -> DiscreteSchedule.ofAlphasCumprod(new double[] {1.0, 0.5}))
        .hasMessageStartingWith("alphas_cumprod[0] = 1.0 breaks the schedule");
    assertThatThrownBy(() -> DiscreteSchedule.ofAlphasCumprod(new double[] {0.5}))
        .hasMessage("a schedule needs at least 2 timesteps; got 1");
  }

  /** β = 10⁻¹⁰ rounds 1 − β to 1 in float32: every σ would be 0. */
  @Test
  void rejectsBetasTooSmallForTheirPrecision() {
    SchedulerConfig tiny = config(BetaSchedule.LINEAR, 10, 1e-10, 1e-10);

    assertThatThrownBy(() -> DiscreteSchedule.of(tiny, BetaPrecision.FLOAT32))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining("check beta_start, beta_end and beta_schedule");
  }

  private static SchedulerConfig config(BetaSchedule betaSchedule) {
    return config(betaSchedule, 1000, 0.0001, 0.02);
  }

  private static SchedulerConfig config(
      BetaSchedule betaSchedule, int timesteps, double betaStart, double betaEnd) {
    return new SchedulerConfig(
        "DDIMScheduler",
        timesteps,
        betaStart,
        betaEnd,
        betaSchedule,
        PredictionType.EPSILON,
        0,
        TimestepSpacing.LEADING,
        false,
        false,
        false,
        Map.of());
  }
}
