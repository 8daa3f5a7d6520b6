package com.diffusionlab.engine.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.diffusionlab.engine.EngineException;
import org.junit.jupiter.api.Test;

class SigmaScheduleTest {
  private final DiscreteSchedule schedule =
      DiscreteSchedule.of(SchedulerConfig.stableDiffusionDefaults(), BetaPrecision.FLOAT64);

  /**
   * ComfyUI's documentation (docs.comfy.org, custom-nodes/backend/datatypes, "Sigmas"): the
   * "normal" scheduler, 20 steps, denoise 1, for an SDXL model (the same betas as SD 1.x), printed
   * to 4 decimals.
   */
  static final double[] COMFY_NORMAL_20 = {
    14.6146, 10.7468, 8.0815, 6.2049, 4.8557, 3.8654, 3.1238, 2.5572, 2.1157, 1.7648, 1.4806,
    1.2458, 1.0481, 0.8784, 0.7297, 0.5964, 0.4736, 0.3555, 0.2322, 0.0292, 0.0000
  };

  @Test
  void normalMatchesComfyUiPublishedSigmas() {
    double[] sigmas = SigmaSchedule.NORMAL.sigmas(schedule, 20);

    assertThat(sigmas).hasSize(21);
    for (int i = 0; i < sigmas.length; i++) {
      assertThat(sigmas[i]).as("sigma %d", i).isCloseTo(COMFY_NORMAL_20[i], within(5.1e-5));
    }
    assertThat(sigmas[0]).isEqualTo(schedule.sigmaMax());
    assertThat(sigmas[20]).isZero();
  }

  /**
   * k-diffusion's get_sigmas(n): t evenly spaced from 999 down to 0, so t_i = 999·(1 − i/(n−1)).
   */
  @Test
  void normalStepsEvenlyInTimestep() {
    double[] sigmas = SigmaSchedule.NORMAL.sigmas(schedule, 4);

    assertThat(schedule.sigmaToT(sigmas[1])).isCloseTo(666, within(1e-9));
    assertThat(schedule.sigmaToT(sigmas[2])).isCloseTo(333, within(1e-9));
    assertThat(sigmas[3]).isEqualTo(schedule.sigmaMin());
  }

  /** Karras et al. 2022, eq. (5) with ρ = 7, written out here. */
  @Test
  void karrasFollowsThePublishedFormula() {
    int n = 10;
    double[] sigmas = SigmaSchedule.KARRAS.sigmas(schedule, n);

    double max = Math.pow(schedule.sigmaMax(), 1 / 7.0);
    double min = Math.pow(schedule.sigmaMin(), 1 / 7.0);
    assertThat(sigmas).hasSize(n + 1);
    for (int i = 0; i < n; i++) {
      double expected = Math.pow(max + i / (n - 1.0) * (min - max), 7);
      assertThat(sigmas[i]).as("sigma %d", i).isCloseTo(expected, within(1e-12 * expected));
    }
    assertThat(sigmas[0]).isCloseTo(14.6146, within(5e-5));
    assertThat(sigmas[n - 1]).isCloseTo(0.0292, within(5e-5));
    assertThat(sigmas[n]).isZero();
  }

  @Test
  void oneStepGoesFromTheTopStraightToZero() {
    assertThat(SigmaSchedule.NORMAL.sigmas(schedule, 1)).containsExactly(schedule.sigmaMax(), 0.0);
    double[] karras = SigmaSchedule.KARRAS.sigmas(schedule, 1);
    assertThat(karras[0]).isCloseTo(schedule.sigmaMax(), within(1e-12));
    assertThat(karras[1]).isZero();
  }

  @Test
  void parsesNamesIncludingAutomatic1111s() {
    assertThat(SigmaSchedule.fromName("normal")).isEqualTo(SigmaSchedule.NORMAL);
    assertThat(SigmaSchedule.fromName("Karras")).isEqualTo(SigmaSchedule.KARRAS);
    assertThat(SigmaSchedule.fromName("Uniform")).isEqualTo(SigmaSchedule.NORMAL);
    assertThat(SigmaSchedule.KARRAS.a1111Name()).isEqualTo("Karras");
    assertThatThrownBy(() -> SigmaSchedule.fromName("exponential"))
        .isInstanceOf(EngineException.class)
        .hasMessage("schedule 'exponential' is not supported; allowed: normal, karras");
  }
}
