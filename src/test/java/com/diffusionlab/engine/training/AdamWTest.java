package com.diffusionlab.engine.training;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.LinkedHashMap;
import java.util.SequencedMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class AdamWTest {

  @Test
  void aFirstStepMovesEachWeightByTheRateAgainstItsGradient() {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray weight = trainable(manager, new float[] {1f, -2f, 3f});
      AdamW adam = new AdamW(parameters(weight), manager, 0);
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
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray weight = trainable(manager, new float[] {1f, 2f});
      AdamW adam = new AdamW(parameters(weight), manager, 0);
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
