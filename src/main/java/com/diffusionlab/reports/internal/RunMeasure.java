package com.diffusionlab.reports.internal;

import com.diffusionlab.tracking.GenerationFields;
import com.diffusionlab.tracking.GenerationSettings;
import com.diffusionlab.tracking.Run;
import com.diffusionlab.tracking.RunTimings;
import com.diffusionlab.tracking.SettingField;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the charts need of one run, taken while summarising so that the runs themselves (prompts,
 * outputs, notes) need not be kept until the charts are drawn.
 *
 * @param series the model and device, e.g. {@code tiny · cpu}: one colour in the timing charts
 * @param numbers the numeric settings that are set, by title, in chart order; width and height as
 *     one pixel count
 * @param categories the categorical settings that are set, by title
 * @param secondsPerStep the mean step time, or sampling time over steps; null when not measured
 * @param stepSeconds one per sampler step; empty when not measured
 */
record RunMeasure(
    long runId,
    String series,
    Map<String, Double> numbers,
    Map<String, String> categories,
    Double secondsPerStep,
    Double estimateSeconds,
    Double totalSeconds,
    List<Double> stepSeconds) {

  static final String PIXELS = "Pixels (w×h)";

  private static final List<String> CATEGORICAL =
      List.of(
          GenerationFields.SAMPLER,
          GenerationFields.MODEL_NAME,
          GenerationFields.SCHEDULE,
          GenerationFields.RNG);

  static RunMeasure of(Run run) {
    GenerationSettings settings = run.settings();
    RunTimings timings = run.timings();
    List<Double> steps = timings == null || timings.steps() == null ? List.of() : timings.steps();
    return new RunMeasure(
        run.id(),
        settings.modelName() + " · " + run.device(),
        numbers(settings),
        categories(settings),
        secondsPerStep(settings, timings, steps),
        run.estimateSeconds(),
        timings == null ? null : timings.total(),
        List.copyOf(steps));
  }

  /** Catalogue order, but the seed last: it is the least telling of them. */
  private static Map<String, Double> numbers(GenerationSettings settings) {
    Map<String, Double> numbers = new LinkedHashMap<>();
    for (SettingField field : GenerationFields.all()) {
      String name = field.name();
      if (!field.numeric() || name.equals(GenerationFields.SEED)) {
        continue;
      }
      if (name.equals(GenerationFields.WIDTH)) {
        if (settings.width() != null && settings.height() != null) {
          numbers.put(PIXELS, settings.width() * (double) settings.height());
        }
      } else if (!name.equals(GenerationFields.HEIGHT)
          && GenerationFields.value(settings, field) instanceof Number number) {
        numbers.put(field.label(), number.doubleValue());
      }
    }
    if (settings.seed() != null) {
      numbers.put(
          GenerationFields.require(GenerationFields.SEED).label(), (double) settings.seed());
    }
    return numbers;
  }

  private static Map<String, String> categories(GenerationSettings settings) {
    Map<String, String> categories = new LinkedHashMap<>();
    for (String name : CATEGORICAL) {
      SettingField field = GenerationFields.require(name);
      if (GenerationFields.value(settings, field) instanceof String value) {
        categories.put(field.label(), value);
      }
    }
    return categories;
  }

  private static Double secondsPerStep(
      GenerationSettings settings, RunTimings timings, List<Double> steps) {
    if (!steps.isEmpty()) {
      return steps.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }
    if (timings != null && timings.sampling() != null && settings.steps() != null) {
      return timings.sampling() / settings.steps();
    }
    return null;
  }
}
