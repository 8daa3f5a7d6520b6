package com.diffusionlab.engine.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The deterministic samplers against the exact probability-flow ODE solution for N(0, s²) data:
 * x(σ) = x(σ₀)·√(s²+σ²)/√(s²+σ₀²), on Stable Diffusion's schedule. Euler is first order (the error
 * halves when the steps double); DPM++ 2M converges faster.
 */
class ConvergenceTest {
  private static final double SCALE = 1;
  private final NDManager manager = NDManager.newBaseManager();

  @AfterEach
  void close() {
    manager.close();
  }

  /** The largest error of the final latent relative to the largest exact value. */
  private double error(String name, String schedule, int steps) {
    return error(name, schedule, steps, SchedulerConfig.stableDiffusionDefaults());
  }

  private double error(String name, String schedule, int steps, SchedulerConfig config) {
    Sampler sampler = SamplerFactory.create(new SamplerSettings(name, schedule, 0), config);
    SamplingPlan plan = sampler.plan(steps, 1);
    double startSigma = plan.startSigma();
    double endSigma = plan.finalSigma();
    // diffusers hands the VAE √ᾱ_final·x; ᾱ = 1/(1+σ²)
    double endScale = 1 / Math.sqrt(1 + endSigma * endSigma);
    float[] start = Latents.times(plan.txt2imgNoiseScale());
    NDArray x = manager.create(start, Latents.SHAPE);
    float[] result =
        sampler
            .sample(new GaussianDenoiser(SCALE), x, plan, new FixedNoise(0), StepListener.NONE)
            .toFloatArray();
    double largestError = 0;
    double largestValue = 0;
    for (int i = 0; i < start.length; i++) {
      double exact =
          start[i]
              * Math.sqrt(SCALE * SCALE + endSigma * endSigma)
              / Math.sqrt(SCALE * SCALE + startSigma * startSigma)
              * endScale;
      largestError = Math.max(largestError, Math.abs(result[i] - exact));
      largestValue = Math.max(largestValue, Math.abs(exact));
    }
    return largestError / largestValue;
  }

  @Test
  void eulerIsFirstOrder() {
    double e20 = error("euler", "normal", 20);
    double e40 = error("euler", "normal", 40);
    double e80 = error("euler", "normal", 80);

    assertThat(e20 / e40).isBetween(1.8, 2.2);
    assertThat(e40 / e80).isBetween(1.8, 2.2);
  }

  @Test
  void dpmpp2mConvergesFasterThanEuler() {
    double e20 = error("dpmpp_2m", "normal", 20);
    double e40 = error("dpmpp_2m", "normal", 40);
    double e80 = error("dpmpp_2m", "normal", 80);

    assertThat(e20 / e40).isGreaterThan(2.7);
    assertThat(e40 / e80).isGreaterThan(2.7);
    assertThat(e80).isLessThan(error("euler", "normal", 80) / 2.5);
  }

  @Test
  void dpmpp2mOnKarrasSigmasConvergesFasterStill() {
    double e20 = error("dpmpp_2m", "karras", 20);
    double e40 = error("dpmpp_2m", "karras", 40);

    assertThat(e20 / e40).isGreaterThan(4);
    assertThat(e40).isLessThan(error("euler", "karras", 40) / 10);
  }

  /** DDIM is the Euler step in σ; PLMS a fourth-order multistep method on the same timesteps. */
  @Test
  void ddimIsFirstOrderAndPlmsFarMoreAccurate() {
    double e20 = error("ddim", null, 20);
    double e40 = error("ddim", null, 40);

    assertThat(e20 / e40).isBetween(1.8, 2.2);
    assertThat(error("pndm", null, 20)).isLessThan(e20 / 10);
    assertThat(error("pndm", null, 40)).isLessThan(e40 / 10);
  }

  /**
   * On a zero-terminal-SNR schedule sampling starts at σ = 4096 (pure noise, for the model); every
   * sampler still follows the exact solution.
   */
  @Test
  void everySamplerFollowsTheSolutionFromAZeroTerminalSnrStart() {
    SchedulerConfig zeroSnr = SchedulerConfig.fromJson("{\"rescale_betas_zero_snr\": true}");
    assertThat(SamplerFactory.create(SamplerSettings.of("euler"), zeroSnr).plan(40, 1).startSigma())
        .isCloseTo(4096, within(0.01));
    for (String name : List.of("euler", "dpmpp_2m", "ddim", "pndm")) {
      assertThat(error(name, null, 40, zeroSnr))
          .as(name)
          .isLessThan(0.05)
          .isLessThan(1.2 * error(name, null, 40));
    }
  }
}
