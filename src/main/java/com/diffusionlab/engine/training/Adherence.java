package com.diffusionlab.engine.training;

import com.diffusionlab.engine.shapes.Attribute;
import com.diffusionlab.engine.shapes.SizeClass;
import java.util.Map;

/**
 * How well a set of pictures shows what their captions asked.
 *
 * @param accuracy per attribute, the share of the pictures asking for it that show it
 * @param objectShapes per size class, the share of the objects found at that size whose shape is
 *     the one asked for: a picture's shape verdict needs every object right, and this tells which
 *     sizes fail
 */
public record Adherence(Map<Attribute, Double> accuracy, Map<SizeClass, Double> objectShapes) {

  public Adherence {
    accuracy = Map.copyOf(accuracy);
    objectShapes = Map.copyOf(objectShapes);
  }
}
