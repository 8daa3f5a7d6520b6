package com.diffusionlab.engine.sampling;

import static com.diffusionlab.engine.sampling.Latents.assertEach;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Euler, Euler ancestral and DPM++ 2M on hand-chosen noise levels with the exact denoiser of N(0,
 * 1) data, D(x; σ) = x/(1+σ²). Expected values are the published update rules (Karras et al. 2022
 * algorithm 2; k-diffusion's ancestral step; Lu et al. 2022 DPM-Solver++(2M)) evaluated by hand in
 * double arithmetic.
 */
class KDiffusionSamplersTest {
  private static final SchedulerConfig SD = SchedulerConfig.stableDiffusionDefaults();

  private final NDManager manager = NDManager.newBaseManager();
  private final GaussianDenoiser denoiser = new GaussianDenoiser(1);
  private final List<String> steps = new ArrayList<>();
  private final List<float[]> xs = new ArrayList<>();
  private final List<float[]> denoiseds = new ArrayList<>();

  @AfterEach
  void close() {
    manager.close();
  }

  private final StepListener recorder =
      (index, total, sigma, x, denoised) -> {
        steps.add(index + "/" + total + "@" + sigma);
        xs.add(x.toFloatArray());
        denoiseds.add(denoised.toFloatArray());
      };

  private float[] run(String name, List<Double> sigmas, FixedNoise noise) {
    Sampler sampler = SamplerFactory.create(SamplerSettings.of(name), SD);
    SamplingPlan plan =
        new SamplingPlan(name, sigmas.size() - 1, 1, sigmas, List.of(), sigmas.get(0));
    NDArray start = manager.create(Latents.VALUES, Latents.SHAPE);
    return sampler.sample(denoiser, start, plan, noise, recorder).toFloatArray();
  }

  @Test
  void eulerTakesTwoHandComputedSteps() {
    float[] result = run("euler", List.of(2.0, 1.0, 0.0), new FixedNoise(0));

    // x = 3: D(3; 2) = 0.6, d = (3 − 0.6)/2 = 1.2, x = 3 + 1.2·(1 − 2) = 1.8;
    // D(1.8; 1) = 0.9, d = 0.9, x = 1.8 − 0.9 = 0.9
    assertThat(result[7]).isCloseTo(0.9f, within(1e-6f));
    assertEach(result, x -> 0.3 * x);
    assertEach(xs.get(0), x -> 0.6 * x);
    assertEach(denoiseds.get(0), x -> x / 5);
    assertEach(denoiseds.get(1), x -> 0.3 * x);
    assertThat(steps).containsExactly("0/2@2.0", "1/2@1.0");
    assertThat(denoiser.sigmas).containsExactly(2.0, 1.0);
  }

  @Test
  void eulerAncestralAddsFreshNoiseExceptInTheLastStep() {
    FixedNoise noise = new FixedNoise(0.5);

    float[] result = run("euler_a", List.of(2.0, 1.0, 0.0), noise);

    // step 1: σ_up = min(1, √(1·(4 − 1)/4)) = √0.75, σ_down = √(1 − 0.75) = 0.5;
    // x = x + (x − x/5)/2·(0.5 − 2) + 0.5·σ_up = 0.4x + 0.5·√0.75
    // step 2 to σ = 0: σ_up = 0, σ_down = 0, x = x − (x − x/2) = x/2, no noise
    double up = Math.sqrt(0.75);
    assertEach(xs.get(0), x -> 0.4 * x + 0.5 * up);
    assertEach(result, x -> (0.4 * x + 0.5 * up) / 2);
    assertThat(result[7]).isCloseTo(0.81650635f, within(1e-6f));
    assertThat(noise.draws).isEqualTo(1);
  }

  @Test
  void dpmpp2mUsesTheSecondOrderCorrectionBetweenItsFirstAndLastStep() {
    float[] result = run("dpmpp_2m", List.of(4.0, 1.0, 0.5, 0.0), new FixedNoise(0));

    // t = −log σ; step 1 (first order): h = log 4, x1 = (1/4)·x − expm1(−h)·D0, D0 = x/17
    // step 2: h = log 2, h_last = log 4, r = 2, D' = (1 + 1/(2r))·D1 − 1/(2r)·D0, D1 = x1/2,
    //   x2 = (1/2)·x1 − expm1(−log 2)·D'
    // step 3 to σ = 0: x3 = D2 = x2/(1 + 0.25)
    assertEach(
        result,
        x -> {
          double d0 = x / 17;
          double x1 = 0.25 * x + 0.75 * d0;
          double d1 = x1 / 2;
          double corrected = 1.25 * d1 - 0.25 * d0;
          double x2 = 0.5 * x1 + 0.5 * corrected;
          return x2 / 1.25;
        });
    assertEach(xs.get(0), x -> 0.25 * x + 0.75 * x / 17);
    assertThat(denoiser.sigmas).containsExactly(4.0, 1.0, 0.5);
  }

  @Test
  void dpmpp2mEqualsEulerForItsFirstStep() {
    float[] dpm = run("dpmpp_2m", List.of(2.0, 0.7), new FixedNoise(0));
    float[] euler = run("euler", List.of(2.0, 0.7), new FixedNoise(0));

    // DPM-Solver++ first order is DDIM, which in σ-space is the Euler step
    assertThat(dpm).containsExactly(euler, within(1e-6f));
  }

  @Test
  void startLatentIsNeitherChangedNorClosed() {
    NDArray start = manager.create(Latents.VALUES, Latents.SHAPE);
    Sampler sampler = SamplerFactory.create(SamplerSettings.of("dpmpp_2m"), SD);

    NDArray result =
        sampler.sample(denoiser, start, sampler.plan(5, 1), new FixedNoise(0), StepListener.NONE);

    assertThat(start.toFloatArray()).containsExactly(Latents.VALUES);
    assertThat(result.getManager()).isSameAs(manager);
    assertThat(manager.getManagedArrays()).containsExactlyInAnyOrder(start, result);
  }
}
