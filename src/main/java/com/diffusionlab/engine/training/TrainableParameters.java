package com.diffusionlab.engine.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import com.diffusionlab.engine.nn.ParameterSource;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.SequencedMap;

/**
 * Takes a network's parameters from another source (random initial values or a checkpoint), marks
 * them for gradients and remembers them by name, for the optimizer and for saving.
 */
final class TrainableParameters implements ParameterSource {

  private final ParameterSource initial;
  private final SequencedMap<String, NDArray> arrays = new LinkedHashMap<>();

  TrainableParameters(ParameterSource initial) {
    this.initial = initial;
  }

  @Override
  public NDArray get(String name, Shape shape) {
    NDArray array = initial.get(name, shape);
    array.setRequiresGradient(true);
    arrays.put(name, array);
    return array;
  }

  /** The parameters in the order the network asked for them. */
  SequencedMap<String, NDArray> arrays() {
    return Collections.unmodifiableSequencedMap(arrays);
  }
}
