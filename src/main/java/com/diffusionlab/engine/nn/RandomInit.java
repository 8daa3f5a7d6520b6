package com.diffusionlab.engine.nn;

import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Random starting values in the ranges PyTorch's default initialisers give, so that activations
 * stay in a normal range: normalisation scales 1, biases 0, other weights uniform in
 * ±1/sqrt(fan-in). Deterministic from the seed and the order of requests.
 */
public final class RandomInit {

  private final SplittableRandom random;

  public RandomInit(long seed) {
    this.random = new SplittableRandom(seed);
  }

  public float[] values(String name, Shape shape) {
    float[] values = new float[Math.toIntExact(shape.size())];
    boolean vector = shape.dimension() == 1;
    if (vector && name.endsWith(".bias")) {
      return values;
    }
    if (vector && isNormalisation(name)) {
      Arrays.fill(values, 1f);
      return values;
    }
    long fanIn = shape.dimension() > 1 ? shape.size() / shape.get(0) : shape.size();
    double bound = 1.0 / Math.sqrt(fanIn);
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
    }
    return values;
  }

  private static boolean isNormalisation(String name) {
    String module = name.substring(0, name.lastIndexOf('.'));
    String last = module.substring(module.lastIndexOf('.') + 1);
    return last.contains("norm") || last.startsWith("ln");
  }
}
