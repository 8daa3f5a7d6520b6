package com.diffusionlab.compare;

import com.diffusionlab.tracking.GenerationFields;
import com.diffusionlab.tracking.Run;
import com.diffusionlab.tracking.SettingField;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A number about a run that charts can plot: every numeric setting of the field catalogue, and what
 * the run measured (seconds, seconds per step, device-seconds, cost, memory, the estimate).
 *
 * @param unit e.g. {@code s}; empty when none
 * @param setting whether it is a generation setting (asked for) rather than a measurement
 */
public record RunMetric(
    String name, String label, String unit, boolean setting, Function<Run, Double> value) {

  private static final List<RunMetric> MEASURED =
      List.of(
          new RunMetric("pixels", "Pixels (width × height)", "px", false, run -> pixels(run)),
          new RunMetric("seconds", "Total seconds", "s", false, run -> run.timings().total()),
          new RunMetric(
              "sampling", "Sampling seconds", "s", false, run -> run.timings().sampling()),
          new RunMetric(
              "secondsPerStep", "Seconds per step", "s", false, RunMetric::secondsPerStep),
          new RunMetric("queueWait", "Queue wait", "s", false, run -> run.timings().queueWait()),
          new RunMetric("estimate", "Estimated seconds", "s", false, Run::estimateSeconds),
          new RunMetric("deviceSeconds", "Device-seconds", "s", false, Run::deviceSeconds),
          new RunMetric("cost", "Cost", "", false, Run::cost),
          new RunMetric(
              "peakMemory",
              "Peak memory (MB)",
              "MB",
              false,
              run -> run.peakRssBytes() == null ? null : run.peakRssBytes() / 1e6));

  private static final List<RunMetric> ALL =
      Stream.concat(
              GenerationFields.all().stream().filter(SettingField::numeric).map(RunMetric::of),
              MEASURED.stream())
          .toList();

  public static List<RunMetric> all() {
    return ALL;
  }

  public static Optional<RunMetric> find(String name) {
    return ALL.stream().filter(metric -> metric.name.equals(name)).findFirst();
  }

  private static RunMetric of(SettingField field) {
    return new RunMetric(
        field.name(),
        field.label(),
        field.unit(),
        true,
        run ->
            GenerationFields.value(run.settings(), field) instanceof Number number
                ? number.doubleValue()
                : null);
  }

  private static Double pixels(Run run) {
    return (double) run.settings().width() * run.settings().height();
  }

  private static Double secondsPerStep(Run run) {
    List<Double> steps = run.timings().steps();
    return steps.isEmpty()
        ? null
        : steps.stream().mapToDouble(Double::doubleValue).sum() / steps.size();
  }
}
