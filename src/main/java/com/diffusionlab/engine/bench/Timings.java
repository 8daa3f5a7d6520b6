package com.diffusionlab.engine.bench;

import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.function.Supplier;

/** How the benchmark times an operation and sums up repeated timings. */
final class Timings {

  private Timings() {}

  /** One run of {@code operation}, waiting for its result, which is freed at once. */
  static double seconds(Supplier<NDArray> operation) {
    long start = System.nanoTime();
    try (NDArray result = operation.get()) {
      result.toFloatArray(); // waits for the work, wherever it ran
    }
    return (System.nanoTime() - start) / 1e9;
  }

  /** Best of three timed runs after an untimed warm-up. */
  static double bestSeconds(Supplier<NDArray> operation) {
    operation.get().close();
    double best = Double.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      best = Math.min(best, seconds(operation));
    }
    return best;
  }

  static double median(List<Double> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("the median of no values");
    }
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
