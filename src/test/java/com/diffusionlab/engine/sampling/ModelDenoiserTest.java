package com.diffusionlab.engine.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ModelDenoiserTest {
  private static final float[] X = {1.5f, -2f, 0.25f, 4f};
  private static final Shape SHAPE = new Shape(2, 1, 1, 2);

  private final DiscreteSchedule schedule =
      DiscreteSchedule.of(SchedulerConfig.stableDiffusionDefaults(), BetaPrecision.FLOAT64);
  private final NDManager manager = NDManager.newBaseManager();
  private final List<float[]> inputs = new ArrayList<>();
  private final List<Double> timesteps = new ArrayList<>();

  @AfterEach
  void close() {
    manager.close();
  }

  /** A network that always answers 0.3 and records what it was given. */
  private NDArray constantOutput(NDArray scaledInput, double timestep) {
    inputs.add(scaledInput.toFloatArray());
    timesteps.add(timestep);
    return scaledInput.getManager().full(scaledInput.getShape(), 0.3f);
  }

  @Test
  void epsilonModelSeesScaledInputAtTheTimestepOfSigma() {
    double sigma = schedule.sigma(500);
    Denoiser denoiser = new ModelDenoiser(schedule, PredictionType.EPSILON, this::constantOutput);

    float[] denoised = denoiser.denoise(manager.create(X, SHAPE), sigma).toFloatArray();

    assertThat(timesteps).containsExactly(500.0);
    for (int i = 0; i < X.length; i++) {
      assertThat(inputs.get(0)[i])
          .isCloseTo((float) (X[i] / Math.sqrt(sigma * sigma + 1)), within(1e-6f));
      assertThat(denoised[i]).isCloseTo((float) (X[i] - sigma * 0.3), within(1e-6f));
    }
  }

  @Test
  void vModelCombinesSkipAndOutput() {
    double sigma = 2;
    Denoiser denoiser =
        new ModelDenoiser(schedule, PredictionType.V_PREDICTION, this::constantOutput);

    float[] denoised = denoiser.denoise(manager.create(X, SHAPE), sigma).toFloatArray();

    for (int i = 0; i < X.length; i++) {
      // c_skip = 1/(σ²+1) = 1/5, c_out = −σ/√(σ²+1) = −2/√5
      assertThat(denoised[i]).isCloseTo((float) (X[i] / 5 - 0.3 * 2 / Math.sqrt(5)), within(1e-6f));
    }
  }

  @Test
  void passesFractionalTimesteps() {
    double sigma = Math.sqrt(schedule.sigma(500) * schedule.sigma(501));
    Denoiser denoiser = new ModelDenoiser(schedule, PredictionType.EPSILON, this::constantOutput);

    denoiser.denoise(manager.create(X, SHAPE), sigma);

    assertThat(timesteps.get(0)).isCloseTo(500.5, within(1e-9));
  }

  /**
   * For x = x₀ + σ·n, a perfect ε-network answers n and a perfect v-network answers √ᾱ·n −
   * √(1−ᾱ)·x₀ with ᾱ = 1/(1+σ²) (the definitions of ε and v): both must give back x₀.
   */
  @Test
  void perfectNetworksRecoverTheCleanLatent() {
    float[] clean = {0.5f, -1f, 2f, 0.1f};
    float[] noise = {1f, 0.3f, -0.7f, -2f};
    double sigma = 3;
    double alpha = 1 / (1 + sigma * sigma);
    float[] noisy = new float[4];
    float[] velocity = new float[4];
    for (int i = 0; i < 4; i++) {
      noisy[i] = (float) (clean[i] + sigma * noise[i]);
      velocity[i] = (float) (Math.sqrt(alpha) * noise[i] - Math.sqrt(1 - alpha) * clean[i]);
    }
    Denoiser epsilonModel =
        new ModelDenoiser(
            schedule, PredictionType.EPSILON, (in, t) -> in.getManager().create(noise, SHAPE));
    Denoiser vModel =
        new ModelDenoiser(
            schedule,
            PredictionType.V_PREDICTION,
            (in, t) -> in.getManager().create(velocity, SHAPE));

    float[] fromEpsilon = epsilonModel.denoise(manager.create(noisy, SHAPE), sigma).toFloatArray();
    float[] fromV = vModel.denoise(manager.create(noisy, SHAPE), sigma).toFloatArray();

    assertThat(fromEpsilon).containsExactly(clean, within(1e-5f));
    assertThat(fromV).containsExactly(clean, within(1e-5f));
  }

  @Test
  void leavesOnlyItsResultBehind() {
    Denoiser denoiser =
        new ModelDenoiser(schedule, PredictionType.V_PREDICTION, this::constantOutput);
    NDArray x = manager.create(X, SHAPE);

    NDArray denoised = denoiser.denoise(x, 1.0);

    assertThat(manager.getManagedArrays()).containsExactlyInAnyOrder(x, denoised);
    assertThat(x.toFloatArray()).containsExactly(X);
  }
}
