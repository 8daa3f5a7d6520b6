package com.diffusionlab.engine.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** A {@link ParameterSource} seen from inside one sub-module: names are relative to it. */
public record Params(ParameterSource source, String prefix) {

  public static Params root(ParameterSource source) {
    return new Params(source, "");
  }

  public Params child(String name) {
    return new Params(source, prefix + name + ".");
  }

  public Params child(String name, int index) {
    return child(name + "." + index);
  }

  public NDArray get(String name, long... shape) {
    return source.get(prefix + name, new Shape(shape));
  }
}
