package com.diffusionlab.scheduling.internal;

import java.util.Collection;

/**
 * How far actual figures stray from a fit, as ratios actual / fitted: the low one about the 10th
 * percentile, the high one about the 90th.
 */
record Band(double low, double high) {

  /** The narrowest band: timings jitter by a few percent however well a fit follows them. */
  static final double MIN_SPREAD = 0.05;

  /**
   * The band of a sample of ratios, widened for a small sample ({@code 1 + 2/n}: three runs say
   * less about the spread than thirty) and by {@code widening} for figures outside the sample.
   */
  static Band of(Collection<Double> ratios, double widening) {
    Quantiles quantiles = Quantiles.of(ratios);
    double scale = widening * (1 + 2.0 / quantiles.size());
    double low = 1 - (1 - Math.min(quantiles.at(0.1), 1)) * scale;
    double high = 1 + (Math.max(quantiles.at(0.9), 1) - 1) * scale;
    return new Band(Math.min(Math.max(low, 0.1), 1 - MIN_SPREAD), Math.max(high, 1 + MIN_SPREAD));
  }

  /** This band with its spread on either side times {@code factor}. */
  Band widened(double factor) {
    return new Band(Math.max(0.1, 1 - (1 - low) * factor), 1 + (high - 1) * factor);
  }

  /** A band of {@code 1/factor} to {@code factor}. */
  static Band factor(double factor) {
    return new Band(1 / factor, factor);
  }
}
