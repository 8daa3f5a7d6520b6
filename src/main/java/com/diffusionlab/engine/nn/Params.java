package com.diffusionlab.engine.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * What a network is built from, seen from inside one sub-module: where its parameters come from
 * (names relative to the sub-module) and which kernels its layers compute with.
 */
public record Params(ParameterSource source, String prefix, Kernels kernels) {

  public static Params root(ParameterSource source, Kernels kernels) {
    return new Params(source, "", kernels);
  }

  public Params child(String name) {
    return new Params(source, prefix + name + ".", kernels);
  }

  public Params child(String name, int index) {
    return child(name + "." + index);
  }

  public NDArray get(String name, long... shape) {
    return source.get(prefix + name, new Shape(shape));
  }
}
