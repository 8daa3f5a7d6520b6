package com.diffusionlab.scheduling.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A configuration's own runs fitted robustly: the median seconds per step and the median of the
 * fixed part (encoding and decoding), so that a run slowed by a neighbour moves neither; the band
 * is how far the runs strayed from the fit.
 *
 * @param perEvaluation seconds per sampler step
 * @param fixed seconds of the rest, without loading the model
 */
record ConfigurationFit(double perEvaluation, double fixed, Band band, int runs) {

  /**
   * @param runs the configuration's runs, at least one
   */
  static ConfigurationFit of(List<Observation> runs) {
    Quantiles perEvaluation =
        Quantiles.of(
            runs.stream().map(run -> run.sampling() / Math.max(1, run.evaluations())).toList());
    Quantiles fixed = Quantiles.of(runs.stream().map(Observation::fixed).toList());
    double step = perEvaluation.median();
    double rest = Math.max(0, fixed.median());
    List<Double> ratios = new ArrayList<>();
    for (Observation run : runs) {
      ratios.add(run.compute() / Math.max(1e-6, rest + step * run.evaluations()));
    }
    return new ConfigurationFit(step, rest, Band.of(ratios, 1), runs.size());
  }

  /** Seconds of work (no loading) for a run of {@code evaluations} steps. */
  double compute(int evaluations) {
    return fixed + perEvaluation * evaluations;
  }
}
