package com.diffusionlab.engine.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SequencedMap;

/**
 * An exponential moving average of the parameters, the weights a diffusion model is usually
 * published with: smoother than the last step's.
 */
final class ExponentialAverage {
  private final SequencedMap<String, NDArray> parameters;
  private final SequencedMap<String, NDArray> averages = new LinkedHashMap<>();
  private final double decay;

  ExponentialAverage(SequencedMap<String, NDArray> parameters, NDManager manager, double decay) {
    this.parameters = parameters;
    this.decay = decay;
    parameters.forEach(
        (name, parameter) -> averages.put(name, parameter.duplicate().stopGradient()));
    averages.values().forEach(average -> average.attach(manager));
  }

  /**
   * Folds in the parameters after optimizer step {@code step}. The decay warms up as (1 + n) / (10
   * + n) to its maximum: with a fixed 0.999 the random initial weights still made up 5% of the
   * average after 3000 steps, and its pictures were noise where the raw weights drew shapes.
   */
  void update(long step) {
    double kept = Math.min(decay, (1.0 + step) / (10.0 + step));
    parameters.forEach(
        (name, parameter) -> {
          NDArray average = averages.get(name);
          try (NDArray weighted = parameter.mul(1 - kept)) {
            average.muli(kept).addi(weighted);
          }
        });
  }

  SequencedMap<String, NDArray> state() {
    return averages;
  }

  void restore(Map<String, float[]> state) {
    averages.forEach((name, average) -> average.set(state.get(name)));
  }

  /** The averages whose names start with {@code prefix}, with the prefix removed. */
  SequencedMap<String, NDArray> averaged(String prefix) {
    SequencedMap<String, NDArray> result = new LinkedHashMap<>();
    averages.forEach(
        (name, average) -> {
          if (name.startsWith(prefix)) {
            result.put(name.substring(prefix.length()), average);
          }
        });
    return result;
  }
}
