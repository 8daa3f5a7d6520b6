package com.diffusionlab.engine.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Supplies a network's parameters, by diffusers name, while the network is built. One construction
 * path thus serves counting parameters, binding checkpoint weights and initialising random ones.
 */
public interface ParameterSource {

  /**
   * The parameter {@code name} of the given shape. A source that only records shapes returns {@code
   * null}; a network built from it can be inspected but not run.
   */
  NDArray get(String name, Shape shape);
}
