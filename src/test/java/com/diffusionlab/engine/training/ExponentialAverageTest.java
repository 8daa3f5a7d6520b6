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
    // decay (1 + 0) / (10 + 0) = 0.1: the average holds 90% of the new weight
    assertThat(averageAfterOneUpdate(0)).isCloseTo(0.9f, within(1e-6f));
  }

  @Test
  void laterUpdatesUseTheFullDecay() {
    assertThat(averageAfterOneUpdate(1_000_000)).isCloseTo(0.001f, within(1e-6f));
  }

  /** A weight starts at 0 and is 1 at optimizer step {@code step}: the average after it. */
  private static float averageAfterOneUpdate(long step) {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray weight = manager.create(new float[] {0f});
      SequencedMap<String, NDArray> parameters = new LinkedHashMap<>();
      parameters.put("w", weight);
      ExponentialAverage average = new ExponentialAverage(parameters, manager, 0.999);
      weight.set(new float[] {1f});
      average.update(step);
      return average.averaged("").get("w").getFloat();
    }
  }
}
