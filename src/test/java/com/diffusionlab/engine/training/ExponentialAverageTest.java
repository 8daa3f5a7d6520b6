package com.diffusionlab.engine.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.LinkedHashMap;
import java.util.SequencedMap;
import org.junit.jupiter.api.Test;

class ExponentialAverageTest {

  @Test
  void theFirstUpdatesMostlyForgetTheInitialWeights() {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray weight = manager.create(new float[] {0f});
      ExponentialAverage average = new ExponentialAverage(parameters(weight), manager, 0.999);
      weight.set(new float[] {1f});

      average.update(0);

      // decay (1 + 0) / (10 + 0) = 0.1: the average holds 90% of the new weight
      assertThat(average.averaged("").get("w").getFloat()).isCloseTo(0.9f, within(1e-6f));
    }
  }

  @Test
  void laterUpdatesUseTheFullDecay() {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray weight = manager.create(new float[] {0f});
      ExponentialAverage average = new ExponentialAverage(parameters(weight), manager, 0.999);
      weight.set(new float[] {1f});

      average.update(1_000_000);

      assertThat(average.averaged("").get("w").getFloat()).isCloseTo(0.001f, within(1e-6f));
    }
  }

  private static SequencedMap<String, NDArray> parameters(NDArray weight) {
    SequencedMap<String, NDArray> parameters = new LinkedHashMap<>();
    parameters.put("w", weight);
    return parameters;
  }
}
