package com.diffusionlab.engine.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.diffusionlab.engine.EngineException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SamplingPlanTest {
  private static final SchedulerConfig SD = SchedulerConfig.stableDiffusionDefaults();

  private static Sampler sampler(String name) {
    return SamplerFactory.create(SamplerSettings.of(name), SD);
  }

  private static Sampler sampler(String name, TimestepSpacing spacing) {
    SchedulerConfig config =
        new SchedulerConfig(
            SD.className(),
            1000,
            SD.betaStart(),
            SD.betaEnd(),
            SD.betaSchedule(),
            SD.predictionType(),
            1,
            spacing,
            false,
            false,
            false,
            SD.ignoredKeys());
    return SamplerFactory.create(SamplerSettings.of(name), config);
  }

  @Test
  void txt2imgRunsTheWholeNormalSchedule() {
    SamplingPlan plan = sampler("euler").plan(20, 1);

    assertThat(plan.evaluations()).isEqualTo(20);
    for (int i = 0; i <= 20; i++) {
      assertThat(plan.sigmas().get(i))
          .isCloseTo(SigmaScheduleTest.COMFY_NORMAL_20[i], within(5.1e-5));
    }
    assertThat(plan.timesteps()).isEmpty();
    assertThat(plan.txt2imgNoiseScale()).isEqualTo(plan.startSigma());
    assertThat(plan.sampler()).isEqualTo("euler");
  }

  /**
   * AUTOMATIC1111: t_enc = ⌊min(strength, 0.999)·steps⌋, sigmas[steps − t_enc − 1:]. Denoising 0.75
   * with 20 steps runs 16 steps from the 5th sigma of the full schedule (4.8557 in ComfyUI's list).
   */
  @Test
  void img2imgFollowsAutomatic1111() {
    SamplingPlan plan = sampler("euler_a").plan(20, 0.75);

    assertThat(plan.evaluations()).isEqualTo(16);
    assertThat(plan.startSigma()).isCloseTo(4.8557, within(5e-5));
    assertThat(plan.finalSigma()).isZero();
    assertThat(sampler("dpmpp_2m").plan(20, 0.5).evaluations()).isEqualTo(11);
    // t_enc = 0 still runs the last step
    assertThat(sampler("euler").plan(20, 0.01).sigmas()).hasSize(2);
    assertThat(sampler("euler").plan(20, 0.01).startSigma()).isCloseTo(0.0292, within(5e-5));
  }

  @Test
  void karrasPlanStartsAtSigmaMax() {
    Sampler sampler = SamplerFactory.create(new SamplerSettings("dpmpp_2m", "karras", 0), SD);

    SamplingPlan plan = sampler.plan(10, 1);

    assertThat(plan.startSigma()).isCloseTo(14.6146, within(5e-5));
    assertThat(plan.sigmas().get(9)).isCloseTo(0.0292, within(5e-5));
  }

  /** The published DDIM timesteps of SD for 50 steps: 981, 961, …, 1. */
  @Test
  void ddimUsesTheLeadingTimestepsWithOffset() {
    SamplingPlan plan = sampler("ddim").plan(50, 1);

    assertThat(plan.timesteps())
        .isEqualTo(IntStream.range(0, 50).map(i -> 981 - 20 * i).boxed().toList());
    DiscreteSchedule schedule = sampler("ddim").schedule();
    assertThat(plan.startSigma()).isEqualTo(schedule.sigma(981));
    assertThat(plan.txt2imgNoiseScale())
        .isCloseTo(1 / Math.sqrt(schedule.alphaCumprod(981)), within(1e-9));
    // set_alpha_to_one false: the run ends at ᾱ₀
    assertThat(plan.finalSigma()).isEqualTo(schedule.sigma(0));
  }

  /** diffusers' img2img: ⌊50·0.8⌋ = 40 steps from timesteps[10] = 781. */
  @Test
  void ddimImg2imgFollowsDiffusers() {
    SamplingPlan plan = sampler("ddim").plan(50, 0.8);

    assertThat(plan.timesteps()).hasSize(40).startsWith(781, 761).endsWith(1);
    assertThat(plan.startSigma()).isEqualTo(sampler("ddim").schedule().sigma(781));
  }

  /** PNDMScheduler(skip_prk_steps=True).set_timesteps(10) with SD's config. */
  @Test
  void pndmRepeatsItsSecondTimestep() {
    assertThat(sampler("pndm").plan(10, 1).timesteps())
        .containsExactly(901, 801, 801, 701, 601, 501, 401, 301, 201, 101, 1);
    assertThat(sampler("pndm").plan(10, 0.5).timesteps())
        .containsExactly(501, 401, 301, 201, 101, 1);
    assertThat(sampler("pndm").plan(1, 1).timesteps()).containsExactly(1);
  }

  /**
   * Expected lists: numpy 2.4 running the set_timesteps code of diffusers' DDIMScheduler and
   * PNDMScheduler (np.arange, np.linspace, np.round half to even).
   */
  @Test
  void otherSpacingsRoundAsNumpyDoes() {
    assertThat(sampler("ddim", TimestepSpacing.TRAILING).plan(16, 1).timesteps())
        .containsExactly(
            999, 937, 874, 811, 749, 687, 624, 561, 499, 437, 374, 311, 249, 187, 124, 61);
    assertThat(sampler("ddim", TimestepSpacing.TRAILING).plan(30, 1).timesteps())
        .containsExactly(
            999, 966, 932, 899, 866, 832, 799, 766, 732, 699, 666, 632, 599, 566, 532, 499, 466,
            432, 399, 366, 332, 299, 266, 232, 199, 166, 132, 99, 66, 32);
    assertThat(sampler("ddim", TimestepSpacing.LINSPACE).plan(7, 1).timesteps())
        .containsExactly(999, 832, 666, 500, 333, 166, 0);
    assertThat(sampler("pndm", TimestepSpacing.TRAILING).plan(7, 1).timesteps())
        .containsExactly(999, 856, 856, 713, 570, 428, 285, 142);
    assertThat(sampler("pndm", TimestepSpacing.LINSPACE).plan(4, 1).timesteps())
        .containsExactly(999, 666, 666, 333, 0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"euler", "euler_a", "dpmpp_2m", "ddim", "pndm"})
  void rejectsStepsOutsideTheRange(String name) {
    for (int steps : new int[] {0, -3, 20_000}) {
      assertThatThrownBy(() -> sampler(name).plan(steps, 1))
          .isInstanceOf(EngineException.class)
          .hasMessageStartingWith("steps " + steps + " is out of range; allowed: 1 to ");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"euler", "euler_a", "dpmpp_2m", "ddim", "pndm"})
  void rejectsStrengthOutsideZeroToOne(String name) {
    for (double strength : new double[] {0, -0.5, 1.5, Double.NaN}) {
      assertThatThrownBy(() -> sampler(name).plan(20, strength))
          .isInstanceOf(EngineException.class)
          .hasMessage(
              "strength " + strength + " is out of range; allowed: greater than 0 and at most 1");
    }
  }

  @Test
  void rejectsTheLimitsOfEachFamily() {
    assertThatThrownBy(() -> sampler("ddim").plan(1001, 1))
        .hasMessage("steps 1001 is out of range; allowed: 1 to 1000");
    assertThatThrownBy(() -> sampler("ddim").plan(1000, 1))
        .hasMessageStartingWith("steps 1000 with steps_offset 1 reaches timestep 1000");
    assertThatThrownBy(() -> sampler("pndm").plan(20, 0.01))
        .hasMessageStartingWith("strength 0.01 with 20 steps leaves no step")
        .hasMessageEndingWith("at least 1/steps = 0.05");
    assertThat(sampler("euler").plan(10_000, 1).evaluations()).isEqualTo(10_000);
  }

  @Test
  void planKeepsItsListsUnchangeable() {
    List<Double> sigmas = new java.util.ArrayList<>(Arrays.asList(2.0, 0.0));
    SamplingPlan plan = new SamplingPlan("euler", 1, 1, sigmas, List.of(), 2);
    sigmas.set(0, 5.0);

    assertThat(plan.startSigma()).isEqualTo(2.0);
    assertThatThrownBy(() -> plan.sigmas().set(0, 1.0))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> new SamplingPlan("euler", 1, 1, List.of(2.0), List.of(), 2))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SamplingPlan("ddim", 1, 1, List.of(2.0, 0.0), List.of(3, 1), 2))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
