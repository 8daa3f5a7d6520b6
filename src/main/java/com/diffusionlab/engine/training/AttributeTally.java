package com.diffusionlab.engine.training;

import com.diffusionlab.engine.shapes.Attribute;
import com.diffusionlab.engine.shapes.PromptMatch;
import java.util.EnumMap;
import java.util.Map;

/** Counts, per attribute, how many checked images got it right out of those that asked for it. */
final class AttributeTally {
  private final Map<Attribute, int[]> counts = new EnumMap<>(Attribute.class);

  void add(PromptMatch match) {
    for (Attribute attribute : Attribute.values()) {
      match
          .verdict(attribute)
          .ifPresent(
              right -> {
                int[] tally = counts.computeIfAbsent(attribute, a -> new int[2]);
                tally[0] += right ? 1 : 0;
                tally[1]++;
              });
    }
  }

  /** The share right per attribute; attributes no image asked for are absent. */
  Map<Attribute, Double> accuracy() {
    Map<Attribute, Double> accuracy = new EnumMap<>(Attribute.class);
    counts.forEach((attribute, tally) -> accuracy.put(attribute, tally[0] / (double) tally[1]));
    return accuracy;
  }
}
