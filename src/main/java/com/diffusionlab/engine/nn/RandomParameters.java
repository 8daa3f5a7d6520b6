package com.diffusionlab.engine.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Random weights (see {@link RandomInit}) as arrays: to benchmark full-size architectures without
 * files and to start training.
 */
public final class RandomParameters implements ParameterSource {

  private final NDManager manager;
  private final DataType dataType;
  private final RandomInit init;

  public RandomParameters(NDManager manager, DataType dataType, long seed) {
    this.manager = manager;
    this.dataType = dataType;
    this.init = new RandomInit(seed);
  }

  @Override
  public NDArray get(String name, Shape shape) {
    return manager.create(init.values(name, shape), shape).toType(dataType, false);
  }
}
