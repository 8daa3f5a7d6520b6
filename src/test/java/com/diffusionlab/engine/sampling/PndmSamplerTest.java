package com.diffusionlab.engine.sampling;

import static com.diffusionlab.engine.sampling.Latents.assertEach;
import static com.diffusionlab.engine.sampling.TinySchedule.ALPHAS_CUMPROD;
import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleBinaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * PNDM (PLMS) on {@link TinySchedule} with 4 steps: step ratio 1, evaluations at timesteps 3, 2, 2,
 * 1, 0, which run every branch of diffusers' step_plms (the first step, its redo with the mean
 * output, then Adams–Bashforth of order 2, 3 and 4). The final ᾱ is 1. Expected values: diffusers'
 * PNDMScheduler.step_plms and _get_prev_sample written out in double arithmetic on x_t, for the
 * exact denoiser of N(0, 0.25) data. For v-prediction, diffusers combines the raw v outputs and
 * converts the combination against the current sample, which is not the same as combining ε.
 */
class PndmSamplerTest {
  private static final double SCALE = 0.5;
  private static final double A3 = ALPHAS_CUMPROD[3];
  private static final double A2 = ALPHAS_CUMPROD[2];
  private static final double A1 = ALPHAS_CUMPROD[1];
  private static final double A0 = ALPHAS_CUMPROD[0];

  private final NDManager manager = NDManager.newBaseManager();
  private final GaussianDenoiser denoiser = new GaussianDenoiser(SCALE);
  private final List<String> steps = new ArrayList<>();

  @AfterEach
  void close() {
    manager.close();
  }

  @ParameterizedTest
  @EnumSource(PredictionType.class)
  void runsEveryBranchOfStepPlms(PredictionType type) {
    Sampler sampler =
        SamplerFactory.create(SamplerSettings.of("pndm"), TinySchedule.config(type, true));
    SamplingPlan plan = sampler.plan(4, 1);
    NDArray start = manager.create(Latents.times(plan.txt2imgNoiseScale()), Latents.SHAPE);

    float[] result =
        sampler
            .sample(
                denoiser,
                start,
                plan,
                new FixedNoise(0),
                (index, total, sigma, x, denoised) -> steps.add(index + "/" + total))
            .toFloatArray();

    assertThat(plan.timesteps()).containsExactly(3, 2, 2, 1, 0);
    assertThat(plan.sigmas())
        .containsExactly(
            TinySchedule.sigma(A3),
            TinySchedule.sigma(A2),
            TinySchedule.sigma(A2),
            TinySchedule.sigma(A1),
            TinySchedule.sigma(A0),
            0.0);
    assertThat(steps).containsExactly("0/5", "1/5", "2/5", "3/5", "4/5");
    assertEach(result, z -> expected(z, type));
  }

  /** diffusers' step_plms for the five evaluations, from x_t = z. */
  private static double expected(double z, PredictionType type) {
    boolean v = type == PredictionType.V_PREDICTION;
    DoubleBinaryOperator output =
        (xt, alpha) ->
            v ? TinySchedule.velocity(xt, alpha, SCALE) : TinySchedule.epsilon(xt, alpha, SCALE);
    double e0 = output.applyAsDouble(z, A3);
    double x1 = transfer(z, A3, A2, e0, v);
    double e1 = output.applyAsDouble(x1, A2);
    double x2 = transfer(z, A3, A2, (e1 + e0) / 2, v);
    double e2 = output.applyAsDouble(x2, A2);
    double x3 = transfer(x2, A2, A1, (3 * e2 - e0) / 2, v);
    double e3 = output.applyAsDouble(x3, A1);
    double x4 = transfer(x3, A1, A0, (23 * e3 - 16 * e2 + 5 * e0) / 12, v);
    double e4 = output.applyAsDouble(x4, A0);
    return transfer(x4, A0, 1, (55 * e4 - 59 * e3 + 37 * e2 - 9 * e0) / 24, v);
  }

  /** _get_prev_sample: formula (9) of Liu et al. 2022, v first turned into ε against x. */
  private static double transfer(double x, double alpha, double alphaPrev, double out, boolean v) {
    double eps = v ? Math.sqrt(alpha) * out + Math.sqrt(1 - alpha) * x : out;
    double denominator =
        alpha * Math.sqrt(1 - alphaPrev) + Math.sqrt(alpha * (1 - alpha) * alphaPrev);
    return Math.sqrt(alphaPrev / alpha) * x - (alphaPrev - alpha) * eps / denominator;
  }
}
