package com.diffusionlab.scheduling.internal;

import com.diffusionlab.scheduling.EstimateAccuracy;
import com.diffusionlab.scheduling.EstimateAccuracy.Configuration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The estimates of finished runs against what they took, by configuration. */
final class AccuracyReport {

  private AccuracyReport() {}

  /**
   * @param runs finished runs, oldest first; those without a recorded estimate are left out
   * @param modelName a model's name by content hash, or null when it is not registered
   */
  static EstimateAccuracy of(List<Observation> runs, Function<String, String> modelName) {
    List<Observation> estimated =
        runs.stream().filter(run -> run.estimated() != null && run.total() > 0).toList();
    Map<ConfigKey, List<Observation>> byConfiguration = new LinkedHashMap<>();
    estimated.forEach(
        run -> byConfiguration.computeIfAbsent(run.key(), key -> new ArrayList<>()).add(run));
    List<Configuration> configurations = new ArrayList<>();
    byConfiguration.forEach(
        (key, own) -> {
          List<Observation> recent = latest(own, EstimateAccuracy.RECENT);
          List<Double> errors = recent.stream().map(AccuracyReport::error).toList();
          List<Observation> banded =
              recent.stream()
                  .filter(run -> run.estimatedLow() != null && run.estimatedHigh() != null)
                  .toList();
          long inBand =
              banded.stream()
                  .filter(
                      run ->
                          run.total() >= run.estimatedLow() && run.total() <= run.estimatedHigh())
                  .count();
          String name = modelName.apply(key.modelHash());
          configurations.add(
              new Configuration(
                  name != null
                      ? name
                      : key.modelHash().substring(0, Math.min(10, key.modelHash().length())),
                  key.modelHash(),
                  key.device(),
                  key.width(),
                  key.height(),
                  key.batch(),
                  key.sampler(),
                  key.guided(),
                  key.imageInput(),
                  own.size(),
                  100 * medianAbsolute(errors),
                  100 * Quantiles.of(errors).median(),
                  banded.isEmpty() ? null : 100.0 * inBand / banded.size(),
                  own.getLast().finishedAt()));
        });
    configurations.sort(Comparator.comparing(Configuration::lastRun).reversed());
    List<Double> overall =
        latest(estimated, EstimateAccuracy.OVERALL).stream().map(AccuracyReport::error).toList();
    return new EstimateAccuracy(
        estimated.size(), overall.isEmpty() ? null : 100 * medianAbsolute(overall), configurations);
  }

  /** (estimate − actual) / actual. */
  static double error(Observation run) {
    return (run.estimated() - run.total()) / run.total();
  }

  private static double medianAbsolute(List<Double> errors) {
    return Quantiles.of(errors.stream().map(Math::abs).toList()).median();
  }

  private static <T> List<T> latest(List<T> items, int count) {
    return items.subList(Math.max(0, items.size() - count), items.size());
  }
}
