package com.diffusionlab.engine.sampling;

import static com.diffusionlab.engine.sampling.Latents.assertEach;
import static com.diffusionlab.engine.sampling.TinySchedule.ALPHAS_CUMPROD;
import static com.diffusionlab.engine.sampling.TinySchedule.epsilon;
import static com.diffusionlab.engine.sampling.TinySchedule.x0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * DDIM on {@link TinySchedule} with 2 steps (timesteps 2 and 0, step ratio 2) and the exact
 * denoiser of N(0, 0.25) data. Expected values: diffusers' DDIMScheduler.step written out in double
 * arithmetic on x_t, the latent diffusers holds.
 */
class DdimSamplerTest {
  private static final double SCALE = 0.5;
  private static final double A2 = ALPHAS_CUMPROD[2];
  private static final double A0 = ALPHAS_CUMPROD[0];

  private final NDManager manager = NDManager.newBaseManager();
  private final GaussianDenoiser denoiser = new GaussianDenoiser(SCALE);
  private final List<float[]> views = new ArrayList<>();

  @AfterEach
  void close() {
    manager.close();
  }

  private Sampler ddim(double eta, boolean setAlphaToOne) {
    return SamplerFactory.create(
        new SamplerSettings("ddim", null, eta),
        TinySchedule.config(PredictionType.EPSILON, setAlphaToOne));
  }

  /** Runs txt2img from unit noise z = the test values, as diffusers starts (x_t = z). */
  private float[] txt2img(Sampler sampler, FixedNoise noise) {
    SamplingPlan plan = sampler.plan(2, 1);
    NDArray start = manager.create(Latents.times(plan.txt2imgNoiseScale()), Latents.SHAPE);
    return sampler
        .sample(denoiser, start, plan, noise, (i, n, s, x, d) -> views.add(x.toFloatArray()))
        .toFloatArray();
  }

  private static double deterministicStep(double xt, double alpha, double alphaPrevious) {
    return Math.sqrt(alphaPrevious) * x0(xt, alpha, SCALE)
        + Math.sqrt(1 - alphaPrevious) * epsilon(xt, alpha, SCALE);
  }

  @Test
  void plansTheConfigTimesteps() {
    SamplingPlan plan = ddim(0, true).plan(2, 1);

    assertThat(plan.timesteps()).containsExactly(2, 0);
    assertThat(plan.sigmas()).containsExactly(TinySchedule.sigma(A2), TinySchedule.sigma(A0), 0.0);
    assertThat(plan.txt2imgNoiseScale()).isCloseTo(1 / Math.sqrt(A2), within(1e-12));
  }

  @Test
  void deterministicStepsEndOnTheCleanEstimateWhenAlphaIsSetToOne() {
    float[] result = txt2img(ddim(0, true), new FixedNoise(0));

    // t = 2 → 0: x = √ᾱ₀·x̂₀ + √(1−ᾱ₀)·ε̂; t = 0 → final ᾱ = 1: x = x̂₀
    assertEach(result, z -> x0(deterministicStep(z, A2, A0), A0, SCALE));
    // the listener sees the k-diffusion scale x_t/√ᾱ
    assertEach(views.get(0), z -> deterministicStep(z, A2, A0) / Math.sqrt(A0));
    assertThat(denoiser.sigmas).containsExactly(TinySchedule.sigma(A2), TinySchedule.sigma(A0));
  }

  @Test
  void withoutAlphaSetToOneEndsAtAlphaZeroAsDiffusersHandsItToTheVae() {
    float[] result = txt2img(ddim(0, false), new FixedNoise(0));

    // last step: t = 0 → final ᾱ = ᾱ₀: x = √ᾱ₀·x̂₀ + √(1−ᾱ₀)·ε̂
    assertEach(result, z -> deterministicStep(deterministicStep(z, A2, A0), A0, A0));
    assertThat(ddim(0, false).plan(2, 1).finalSigma())
        .isCloseTo(TinySchedule.sigma(A0), within(1e-12));
  }

  @Test
  void etaAddsNoiseOfTheDdpmVarianceInEveryStep() {
    FixedNoise noise = new FixedNoise(0.5);

    float[] result = txt2img(ddim(1, true), noise);

    // s = η·√((1−ᾱ')/(1−ᾱ)·(1 − ᾱ/ᾱ')); x' = √ᾱ'·x̂₀ + √(1−ᾱ'−s²)·ε̂ + s·z
    assertEach(
        result,
        z -> {
          double s1 = Math.sqrt((1 - A0) / (1 - A2) * (1 - A2 / A0));
          double x1 =
              Math.sqrt(A0) * x0(z, A2, SCALE)
                  + Math.sqrt(1 - A0 - s1 * s1) * epsilon(z, A2, SCALE)
                  + s1 * 0.5;
          // final ᾱ = 1 makes s = 0 and the direction 0
          return x0(x1, A0, SCALE);
        });
    assertThat(noise.draws).as("diffusers draws even when s = 0").isEqualTo(2);
  }

  @Test
  void img2imgStartsFromTheNoisedInitAsDiffusersAddNoise() {
    Sampler sampler = ddim(0, true);
    SamplingPlan plan = sampler.plan(2, 0.5);
    NDArray init = manager.create(Latents.VALUES, Latents.SHAPE);
    NDArray noise = manager.full(Latents.SHAPE, 0.25f);

    float[] result =
        sampler
            .sample(
                denoiser,
                init.add(noise.mul(plan.startSigma())),
                plan,
                new FixedNoise(0),
                StepListener.NONE)
            .toFloatArray();

    // ⌊2·0.5⌋ = 1 step from timesteps[1] = 0; add_noise: x_t = √ᾱ₀·init + √(1−ᾱ₀)·noise
    assertThat(plan.timesteps()).containsExactly(0);
    assertEach(result, x -> x0(Math.sqrt(A0) * x + Math.sqrt(1 - A0) * 0.25, A0, SCALE));
  }
}
