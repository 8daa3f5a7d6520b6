package com.diffusionlab.engine.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.diffusionlab.engine.EngineException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SamplerFactoryTest {
  private static final SchedulerConfig SD = SchedulerConfig.stableDiffusionDefaults();

  @ParameterizedTest
  @CsvSource({
    "euler, euler, Euler",
    "euler_a, euler_a, Euler a",
    "dpmpp_2m, dpmpp_2m, DPM++ 2M",
    "ddim, ddim, DDIM",
    "pndm, pndm, PLMS",
    "Euler a, euler_a, Euler a",
    "EULER A, euler_a, Euler a",
    "' DPM++ 2M ', dpmpp_2m, DPM++ 2M",
    "PLMS, pndm, PLMS",
    "Euler, euler, Euler"
  })
  void resolvesNamesAndAutomatic1111Names(String given, String name, String a1111Name) {
    Sampler sampler = SamplerFactory.create(SamplerSettings.of(given), SD);

    assertThat(sampler.name()).isEqualTo(name);
    assertThat(sampler.a1111Name()).isEqualTo(a1111Name);
    assertThat(sampler.settings().name()).isEqualTo(name);
    assertThat(SamplerFactory.find(given)).contains(sampler.type());
  }

  @ParameterizedTest
  @CsvSource({"dpmpp_2m_karras", "DPM++ 2M Karras"})
  void karrasAliasesSelectTheKarrasSchedule(String given) {
    SamplerSettings canonical = SamplerFactory.canonical(SamplerSettings.of(given));
    SamplerSettings explicit = SamplerFactory.canonical(new SamplerSettings(given, "Karras", 0));

    assertThat(canonical).isEqualTo(new SamplerSettings("dpmpp_2m", "karras", 0));
    assertThat(explicit).isEqualTo(canonical);
  }

  @Test
  void canonicalFormRecordsWhatRuns() {
    assertThat(SamplerFactory.canonical(new SamplerSettings("euler", null, 0.5)))
        .isEqualTo(new SamplerSettings("euler", "normal", 0));
    assertThat(SamplerFactory.canonical(new SamplerSettings("Euler a", "uniform", 0)))
        .isEqualTo(new SamplerSettings("euler_a", "normal", 1));
    assertThat(SamplerFactory.canonical(new SamplerSettings("DDIM", "normal", 0.3)))
        .isEqualTo(new SamplerSettings("ddim", "normal", 0.3));
  }

  /** The k-diffusion samplers use CompVis' float64 betas, DDIM and PNDM diffusers' float32. */
  @Test
  void eachFamilyUsesTheScheduleOfItsReference() {
    assertThat(SamplerFactory.create(SamplerSettings.of("euler"), SD).schedule().alphaCumprod(500))
        .isEqualTo(DiscreteSchedule.of(SD, BetaPrecision.FLOAT64).alphaCumprod(500));
    assertThat(SamplerFactory.create(SamplerSettings.of("ddim"), SD).schedule().alphaCumprod(500))
        .isEqualTo(DiscreteSchedule.of(SD, BetaPrecision.FLOAT32).alphaCumprod(500));
  }

  @Test
  void rejectsUnknownSamplersWithTheAllowedNames() {
    assertThatThrownBy(() -> SamplerFactory.create(SamplerSettings.of("heun"), SD))
        .isInstanceOf(EngineException.class)
        .hasMessage(
            "sampler 'heun' is unknown; allowed: euler, euler_a, dpmpp_2m, dpmpp_2m_karras, ddim,"
                + " pndm, or the AUTOMATIC1111 names Euler, Euler a, DPM++ 2M, DPM++ 2M Karras,"
                + " DDIM, PLMS");
    assertThatThrownBy(() -> SamplerFactory.create(SamplerSettings.of(null), SD))
        .hasMessageStartingWith("sampler (missing) is unknown");
    assertThatThrownBy(() -> SamplerFactory.create(SamplerSettings.of("e".repeat(50_000)), SD))
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(400));
    assertThat(SamplerFactory.find("heun")).isEmpty();
    assertThat(SamplerFactory.find(null)).isEmpty();
  }

  @Test
  void rejectsUnknownSchedules() {
    assertThatThrownBy(() -> SamplerFactory.create(new SamplerSettings("euler", "sgm", 0), SD))
        .isInstanceOf(EngineException.class)
        .hasMessage("schedule 'sgm' is not supported; allowed: normal, karras");
  }

  @Test
  void rejectsKarrasForTheDiffusersSamplers() {
    assertThatThrownBy(() -> SamplerFactory.create(new SamplerSettings("ddim", "karras", 0), SD))
        .hasMessage(
            "schedule 'karras' does not apply to sampler 'ddim', which steps through the"
                + " timesteps of the scheduler config; allowed: normal");
    assertThatThrownBy(() -> SamplerFactory.create(new SamplerSettings("PLMS", "karras", 0), SD))
        .hasMessageStartingWith("schedule 'karras' does not apply to sampler 'pndm'");
  }

  @Test
  void rejectsAScheduleContradictingTheAlias() {
    assertThatThrownBy(
            () -> SamplerFactory.create(new SamplerSettings("dpmpp_2m_karras", "normal", 0), SD))
        .hasMessage(
            "sampler 'dpmpp_2m_karras' implies schedule 'karras' but schedule 'normal' was given;"
                + " allowed: karras or none");
  }

  @Test
  void rejectsEtaOutsideZeroToOne() {
    for (double eta : new double[] {-0.1, 1.5, Double.NaN}) {
      assertThatThrownBy(() -> SamplerFactory.create(new SamplerSettings("ddim", null, eta), SD))
          .isInstanceOf(EngineException.class)
          .hasMessage("eta " + eta + " is out of range; allowed: 0 to 1");
    }
  }

  @Test
  void aPlanRunsOnlyOnItsOwnSampler() {
    Sampler euler = SamplerFactory.create(SamplerSettings.of("euler"), SD);
    Sampler ddim = SamplerFactory.create(SamplerSettings.of("ddim"), SD);

    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray start = manager.zeros(Latents.SHAPE);
      assertThatThrownBy(
              () ->
                  ddim.sample(
                      new GaussianDenoiser(1),
                      start,
                      euler.plan(5, 1),
                      new FixedNoise(0),
                      StepListener.NONE))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("a plan of sampler 'euler' cannot be run by 'ddim'");
    }
  }
}
