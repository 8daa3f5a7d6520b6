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
 * @param peak median peak memory of the runs that recorded one, or null
 */
record ConfigurationFit(
    double perEvaluation,
    double fixed,
    Band band,
    int runs,
    Long peak,
    Long peakLow,
    Long peakHigh) {

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
    List<Double> peaks =
        runs.stream()
            .filter(run -> run.peakBytes() != null && run.peakBytes() > 0)
            .map(run -> (double) run.peakBytes())
            .toList();
    Quantiles peak = peaks.isEmpty() ? null : Quantiles.of(peaks);
    return new ConfigurationFit(
        step,
        rest,
        Band.of(ratios, 1),
        runs.size(),
        peak == null ? null : (long) peak.median(),
        peak == null ? null : (long) peak.at(0.1),
        peak == null ? null : (long) peak.at(0.9));
  }

  /** Seconds of work (no loading) for a run of {@code evaluations} steps. */
  double compute(int evaluations) {
    return fixed + perEvaluation * evaluations;
  }
}
