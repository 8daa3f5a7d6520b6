package com.diffusionlab.engine.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Records the names and shapes a network asks for, without allocating anything. */
public final class ShapeRecorder implements ParameterSource {

  private final Map<String, Shape> shapes = new LinkedHashMap<>();

  @Override
  public NDArray get(String name, Shape shape) {
    if (shapes.putIfAbsent(name, shape) != null) {
      throw new IllegalStateException("parameter declared twice: " + name);
    }
    return null;
  }

  /** Names in declaration order with their shapes. */
  public Map<String, Shape> shapes() {
    return Collections.unmodifiableMap(shapes);
  }

  public long parameterCount() {
    return shapes.values().stream().mapToLong(Shape::size).sum();
  }
}
