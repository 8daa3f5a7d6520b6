package com.diffusionlab.engine.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The machine's fp32 matrix-multiply rate, sampled between the generations rather than once at the
 * start: on a shared virtual machine the rate drifts by a factor of two within minutes, and a
 * generation's median step is only comparable with a matmul rate taken the same way.
 */
final class MatmulYardstick {

  private static final int N = 2048;

  private final List<Double> gflops = new ArrayList<>();

  /** Times {@code runs} products of two random 2048×2048 matrices, after one untimed warm-up. */
  void sample(int runs) {
    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      NDArray a = manager.randomUniform(-1, 1, new Shape(N, N));
      NDArray b = manager.randomUniform(-1, 1, new Shape(N, N));
      a.matMul(b).close();
      for (int i = 0; i < runs; i++) {
        record(Timings.seconds(() -> a.matMul(b)));
      }
    }
  }

  void record(double seconds) {
    gflops.add(2.0 * N * N * N / seconds / 1e9);
  }

  int samples() {
    return gflops.size();
  }

  double median() {
    return Timings.median(gflops);
  }

  double best() {
    return Collections.max(gflops);
  }

  double worst() {
    return Collections.min(gflops);
  }
}
