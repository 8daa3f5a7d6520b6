package com.diffusionlab.engine.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;

/**
 * Random weights in the ranges PyTorch's default initialisers give, so that activations stay in a
 * normal range: normalisation scales 1, biases 0, other weights uniform in ±1/sqrt(fan-in). Used to
 * benchmark full-size architectures and to build test checkpoints and training starting points.
 */
public final class RandomParameters implements ParameterSource {

  private final NDManager manager;
  private final DataType dataType;
  private final SplittableRandom random;

  public RandomParameters(NDManager manager, DataType dataType, long seed) {
    this.manager = manager;
    this.dataType = dataType;
    this.random = new SplittableRandom(seed);
  }

  @Override
  public NDArray get(String name, Shape shape) {
    boolean vector = shape.dimension() == 1;
    if (vector && name.endsWith(".bias")) {
      return manager.zeros(shape, dataType);
    }
    if (vector && isNormalisation(name)) {
      return manager.ones(shape, dataType);
    }
    long fanIn = shape.dimension() > 1 ? shape.size() / shape.get(0) : shape.size();
    float bound = (float) (1.0 / Math.sqrt(fanIn));
    float[] values = new float[Math.toIntExact(shape.size())];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
    }
    return manager.create(values, shape).toType(dataType, false);
  }

  private static boolean isNormalisation(String name) {
    String module = name.substring(0, name.lastIndexOf('.'));
    String last = module.substring(module.lastIndexOf('.') + 1);
    return last.contains("norm") || last.startsWith("ln");
  }
}
