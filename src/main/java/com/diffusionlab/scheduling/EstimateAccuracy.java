package com.diffusionlab.scheduling;

import java.time.Instant;
import java.util.List;

/**
 * How right the estimates of recent runs were: overall, and per configuration (a model version on a
 * device class at a size, batch, sampler, with or without guidance). The error of a run is
 * (estimate − actual) / actual of its seconds.
 *
 * @param runs succeeded runs with an estimate among those estimates learn from
 * @param medianErrorPercent median absolute error over the latest {@link #OVERALL} of them; null
 *     without any
 * @param configurations the configurations, the most recently run first
 */
public record EstimateAccuracy(
    int runs, Double medianErrorPercent, List<Configuration> configurations) {

  /** Runs per configuration's figures: the latest this many. */
  public static final int RECENT = 20;

  /** Runs of the overall figure. */
  public static final int OVERALL = 100;

  /**
   * @param model the model's name, or its short hash when it is no longer registered
   * @param runs succeeded runs of the configuration with an estimate
   * @param medianErrorPercent median absolute error over its latest {@link #RECENT}
   * @param biasPercent median signed error over them: positive when estimates were too long
   * @param inBandPercent share of them that took a time within the estimate's band; null when none
   *     recorded a band
   */
  public record Configuration(
      String model,
      String modelHash,
      String device,
      int width,
      int height,
      int batch,
      String sampler,
      boolean guided,
      boolean imageInput,
      int runs,
      double medianErrorPercent,
      double biasPercent,
      Double inBandPercent,
      Instant lastRun) {}
}
