package com.diffusionlab.engine.training;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.LinkedHashMap;
import java.util.SequencedMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class AdamWTest {

  @Test
  void aFirstStepMovesEachWeightByTheRateAgainstItsGradient() {
    try (NDManager manager = NDManager.newBaseManager();
        AdamW adam = new AdamW(manager, 0)) {
      NDArray weight = trainable(manager, new float[] {1f, -2f, 3f});
      adam.track(parameters(weight));
      NDArray slopes = manager.create(new float[] {2f, -4f, 0.5f});
      backward(weight, w -> w.mul(slopes).sum());

      assertThat(adam.step(0.1, 100)).isTrue();

      assertThat(weight.toFloatArray()).containsExactly(new float[] {0.9f, -1.9f, 2.9f}, within());
      assertThat(weight.getGradient().abs().toFloatArray()).containsOnly(0f);
      assertThat(adam.steps()).isEqualTo(1);
    }
  }

  @Test
  void aStepWithNonFiniteGradientsIsSkippedAndTheGradientsCleared() {
    try (NDManager manager = NDManager.newBaseManager();
        AdamW adam = new AdamW(manager, 0)) {
      NDArray weight = trainable(manager, new float[] {1f, 2f});
      adam.track(parameters(weight));
      backward(weight, w -> w.sum().div(0f));

      assertThat(adam.step(0.1, 1)).isFalse();

      assertThat(weight.toFloatArray()).containsExactly(1f, 2f);
      assertThat(weight.getGradient().abs().toFloatArray()).containsOnly(0f);
      assertThat(adam.steps()).isZero();
      backward(weight, NDArray::sum);
      assertThat(adam.step(0.1, 1)).isTrue();
      assertThat(weight.toFloatArray()).containsExactly(new float[] {0.9f, 1.9f}, within());
    }
  }

  @Test
  void clippedGradientsFeedBothMomentsAndDecayShrinksOnlyMatrices() {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray matrix = manager.create(new float[] {1f, 2f}, new Shape(1, 2));
      matrix.setRequiresGradient(true);
      NDArray vector = trainable(manager, new float[] {1f});
      SequencedMap<String, NDArray> parameters = new LinkedHashMap<>();
      parameters.put("matrix", matrix);
      parameters.put("vector", vector);
      try (AdamW adam = new AdamW(manager, 0.5)) {
        adam.track(parameters);
        // gradients (3, 0) and (4): norm 5, clipped to norm 1 → (0.6, 0) and (0.8)
        backward(matrix, m -> m.mul(manager.create(new float[] {3f, 0f}).reshape(1, 2)).sum());
        backward(vector, v -> v.mul(4f).sum());
        assertThat(adam.step(0.1, 1)).isTrue();
        // step 1: m = 0.1 g, v = 0.001 g², corrected m/v = g/|g| → ±1 where g ≠ 0, else 0
        // matrix: (1, 2) × (1 − 0.1 × 0.5) − 0.1 × (1, 0) = (0.85, 1.9); vector: 1 − 0.1 = 0.9
        assertThat(matrix.toFloatArray()).containsExactly(new float[] {0.85f, 1.9f}, within());
        assertThat(vector.toFloatArray()).containsExactly(new float[] {0.9f}, within());
        // step 2, vector only, gradient 1 (no clipping): m = 0.9·0.08 + 0.1 = 0.172,
        // v = 0.999·0.00064 + 0.001 = 0.00163936; m/(1−0.9²) / (sqrt(v/(1−0.999²)) + 1e-8)
        backward(vector, NDArray::sum);
        assertThat(adam.step(0.1, 1)).isTrue();
        double m = 0.172 / (1 - 0.81);
        double v = 0.00163936 / (1 - 0.999 * 0.999);
        float expected = (float) (0.9 - 0.1 * m / (Math.sqrt(v) + 1e-8));
        assertThat(vector.toFloatArray()).containsExactly(new float[] {expected}, within());
        assertThat(adam.state().get("m.vector").toFloatArray())
            .containsExactly(new float[] {0.172f}, within());
      }
    }
  }

  private static org.assertj.core.data.Offset<Float> within() {
    return org.assertj.core.data.Offset.offset(1e-5f);
  }

  private static NDArray trainable(NDManager manager, float[] values) {
    NDArray weight = manager.create(values);
    weight.setRequiresGradient(true);
    return weight;
  }

  private static SequencedMap<String, NDArray> parameters(NDArray weight) {
    SequencedMap<String, NDArray> parameters = new LinkedHashMap<>();
    parameters.put("w", weight);
    return parameters;
  }

  private static void backward(NDArray weight, UnaryOperator<NDArray> loss) {
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      collector.backward(loss.apply(weight));
    }
  }
}
