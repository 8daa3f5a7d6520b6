package com.diffusionlab.engine.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Array ownership over long runs, cancellation through the listener, misbehaving collaborators. */
class SamplerLifecycleTest {
  private final NDManager manager = NDManager.newBaseManager();

  @AfterEach
  void close() {
    manager.close();
  }

  /** DDIM with η = 1 so that it draws noise in every step, as Euler a does. */
  private static Sampler sampler(String name) {
    return SamplerFactory.create(
        new SamplerSettings(name, null, name.equals("ddim") ? 1 : 0),
        SchedulerConfig.stableDiffusionDefaults());
  }

  @ParameterizedTest
  @ValueSource(strings = {"euler", "euler_a", "dpmpp_2m", "ddim", "pndm"})
  void keepsTheArrayCountFlatOverManySteps(String name) {
    Sampler sampler = sampler(name);
    SamplingPlan plan = sampler.plan(200, 1);
    NDArray start = manager.create(Latents.times(plan.txt2imgNoiseScale()), Latents.SHAPE);
    List<Integer> counts = new ArrayList<>();

    NDArray result =
        sampler.sample(
            new GaussianDenoiser(1),
            start,
            plan,
            new FixedNoise(0.1),
            (index, total, sigma, x, denoised) -> counts.add(manager.getManagedArrays().size()));

    assertThat(counts).hasSize(plan.evaluations());
    assertThat(counts.subList(5, counts.size() - 1)).containsOnly(counts.get(5));
    assertThat(counts.get(5)).isLessThan(30);
    assertThat(manager.getManagedArrays()).containsExactlyInAnyOrder(start, result);
  }

  @ParameterizedTest
  @ValueSource(strings = {"euler", "euler_a", "dpmpp_2m", "ddim", "pndm"})
  void listenerExceptionCancelsAndFreesEverything(String name) {
    Sampler sampler = sampler(name);
    SamplingPlan plan = sampler.plan(10, 1);
    NDArray start = manager.create(Latents.VALUES, Latents.SHAPE);
    GaussianDenoiser denoiser = new GaussianDenoiser(1);
    CancellationException cancel = new CancellationException("cancelled by the user");

    assertThatThrownBy(
            () ->
                sampler.sample(
                    denoiser,
                    start,
                    plan,
                    new FixedNoise(0.1),
                    (index, total, sigma, x, denoised) -> {
                      if (index == 2) {
                        throw cancel;
                      }
                    }))
        .isSameAs(cancel);
    assertThat(denoiser.sigmas).hasSize(3);
    assertThat(manager.getManagedArrays()).containsExactly(start);
    assertThat(start.toFloatArray()).containsExactly(Latents.VALUES);
  }

  @ParameterizedTest
  @ValueSource(strings = {"euler", "euler_a", "dpmpp_2m"})
  void refusesADenoiserThatReturnsTheStartLatent(String name) {
    Sampler sampler = sampler(name);
    NDArray start = manager.create(Latents.VALUES, Latents.SHAPE);

    assertThatThrownBy(
            () ->
                sampler.sample(
                    (x, sigma) -> x,
                    start,
                    sampler.plan(3, 1),
                    new FixedNoise(0),
                    StepListener.NONE))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("must return a new array");
    assertThat(start.toFloatArray()).containsExactly(Latents.VALUES);
  }
}
