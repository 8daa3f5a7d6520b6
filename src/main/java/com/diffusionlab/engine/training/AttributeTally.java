package com.diffusionlab.engine.training;

import com.diffusionlab.engine.shapes.Attribute;
import com.diffusionlab.engine.shapes.CaptionAttributes;
import com.diffusionlab.engine.shapes.CheckResult;
import com.diffusionlab.engine.shapes.DetectedObject;
import com.diffusionlab.engine.shapes.SizeClass;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts, per attribute, how many checked images got it right out of those that asked for it, and
 * per size class how many of the objects found have the shape asked for.
 */
final class AttributeTally {
  private final Map<Attribute, int[]> counts = new EnumMap<>(Attribute.class);
  private final Map<SizeClass, int[]> objectShapes = new EnumMap<>(SizeClass.class);

  void add(CheckResult found, CaptionAttributes asked) {
    found.matches(asked).verdicts().forEach((attribute, right) -> count(counts, attribute, right));
    for (DetectedObject object : found.objects()) {
      count(objectShapes, object.size(), object.shape() == asked.shape());
    }
  }

  private static <K> void count(Map<K, int[]> tallies, K key, boolean right) {
    int[] tally = tallies.computeIfAbsent(key, k -> new int[2]);
    tally[0] += right ? 1 : 0;
    tally[1]++;
  }

  /** The shares right; attributes no image asked for and sizes no object had are absent. */
  Adherence adherence() {
    return new Adherence(shares(counts), shares(objectShapes));
  }

  private static <K> Map<K, Double> shares(Map<K, int[]> tallies) {
    Map<K, Double> shares = new HashMap<>();
    tallies.forEach((key, tally) -> shares.put(key, tally[0] / (double) tally[1]));
    return shares;
  }
}
