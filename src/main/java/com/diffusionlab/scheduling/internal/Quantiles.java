package com.diffusionlab.scheduling.internal;

import java.util.Arrays;
import java.util.Collection;

/** Percentiles of a sample, interpolated linearly between its sorted values. */
final class Quantiles {

  private final double[] sorted;

  private Quantiles(double[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("no values");
    }
    this.sorted = values.clone();
    Arrays.sort(sorted);
  }

  static Quantiles of(double... values) {
    return new Quantiles(values);
  }

  static Quantiles of(Collection<Double> values) {
    return new Quantiles(values.stream().mapToDouble(Double::doubleValue).toArray());
  }

  /**
   * @param q from 0 (the smallest) to 1 (the largest)
   */
  double at(double q) {
    double position = q * (sorted.length - 1);
    int below = (int) Math.floor(position);
    int above = Math.min(below + 1, sorted.length - 1);
    return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
  }

  double median() {
    return at(0.5);
  }

  int size() {
    return sorted.length;
  }
}
