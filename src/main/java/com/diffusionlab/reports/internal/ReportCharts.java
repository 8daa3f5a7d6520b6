package com.diffusionlab.reports.internal;

import static com.diffusionlab.reports.internal.Html.escape;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.IntStream;

/**
 * The report's charts, drawn from the runs' {@link RunMeasure}s: step time against image size,
 * estimated against actual time, settings against total time in parallel coordinates, and the time
 * of each sampler step. A chart without data says so instead.
 */
final class ReportCharts {

  /** Up to this many runs get a line each in the step chart; more get a median and a band. */
  static final int MAX_STEP_LINES = 10;

  private static final String TOTAL = "Total seconds";
  private static final String STEP = "Step";

  private ReportCharts() {}

  static void write(Writer out, List<RunMeasure> measures) throws IOException {
    out.write("<section id=\"charts\">\n<h2>Charts</h2>\n<div class=\"charts\">\n");
    figure(
        out,
        "chart-step-time",
        stepTime(measures),
        "One point per run with step timings; colour: model · device.",
        "No run has step timings.");
    figure(
        out,
        "chart-estimates",
        estimates(measures),
        "One point per run with an estimate and a total time; on the dashed line the estimate was"
            + " exact, above it the run took longer than estimated.",
        "No run has both an estimate and a total time.");
    figure(
        out,
        "chart-parallel",
        parallelCoordinates(measures),
        "One line per finished run across the numeric settings that vary and its total time.",
        "Too few finished runs, or no numeric setting varies.");
    figure(
        out,
        "chart-steps",
        stepLines(measures),
        "Seconds of each sampler step; for more than "
            + MAX_STEP_LINES
            + " runs, the median and the range over the runs.",
        "No run has step timings.");
    out.write("</div>\n</section>\n");
  }

  /** A chart that can draw itself. */
  @FunctionalInterface
  interface Chart {
    void writeTo(Appendable out) throws IOException;
  }

  private static void figure(
      Writer out, String id, Optional<Chart> chart, String caption, String whenEmpty)
      throws IOException {
    out.write("<figure class=\"chart\" id=\"" + id + "\">");
    if (chart.isPresent()) {
      chart.get().writeTo(out);
      out.write("<figcaption>" + escape(caption) + "</figcaption>");
    } else {
      out.write("<p class=\"empty\">" + escape(whenEmpty) + "</p>");
    }
    out.write("</figure>\n");
  }

  static Optional<Chart> stepTime(List<RunMeasure> measures) {
    List<SvgScatter.Series> series =
        bySeries(
            measures,
            m -> m.secondsPerStep() != null && m.numbers().containsKey(RunMeasure.PIXELS),
            m ->
                new SvgScatter.Point(
                    m.numbers().get(RunMeasure.PIXELS),
                    m.secondsPerStep(),
                    String.format(
                        Locale.ROOT,
                        "Run %d: %.0f pixels, %.3f s per step",
                        m.runId(),
                        m.numbers().get(RunMeasure.PIXELS),
                        m.secondsPerStep())));
    return series.isEmpty()
        ? Optional.empty()
        : Optional.of(
            new SvgScatter(
                    "Seconds per step against image size",
                    "Pixels (width × height)",
                    "Seconds per step",
                    series,
                    false)
                ::writeTo);
  }

  static Optional<Chart> estimates(List<RunMeasure> measures) {
    List<SvgScatter.Series> series =
        bySeries(
            measures,
            m -> m.estimateSeconds() != null && m.totalSeconds() != null,
            m ->
                new SvgScatter.Point(
                    m.estimateSeconds(),
                    m.totalSeconds(),
                    String.format(
                        Locale.ROOT,
                        "Run %d: estimated %.2f s, took %.2f s",
                        m.runId(),
                        m.estimateSeconds(),
                        m.totalSeconds())));
    return series.isEmpty()
        ? Optional.empty()
        : Optional.of(
            new SvgScatter(
                    "Estimated against actual time",
                    "Estimated seconds",
                    "Actual total seconds",
                    series,
                    true)
                ::writeTo);
  }

  /**
   * Axes: the numeric settings every finished run has and that take more than one value, then the
   * total time. Colour: the first categorical setting that varies (the sampler if none does).
   */
  static Optional<Chart> parallelCoordinates(List<RunMeasure> measures) {
    List<RunMeasure> finished = measures.stream().filter(m -> m.totalSeconds() != null).toList();
    if (finished.size() < 2) {
      return Optional.empty();
    }
    List<String> axes =
        finished.getFirst().numbers().keySet().stream()
            .filter(axis -> finished.stream().allMatch(m -> m.numbers().containsKey(axis)))
            .filter(
                axis -> finished.stream().map(m -> m.numbers().get(axis)).distinct().count() > 1)
            .toList();
    if (axes.isEmpty()) {
      return Optional.empty();
    }
    String colourBy = colourCategory(finished);
    List<SvgParallelCoordinates.Line> lines = new ArrayList<>();
    for (RunMeasure m : finished) {
      List<Double> values = new ArrayList<>(axes.stream().map(m.numbers()::get).toList());
      values.add(m.totalSeconds());
      String category = m.categories().getOrDefault(colourBy, "–");
      lines.add(
          new SvgParallelCoordinates.Line(
              category, values, "Run " + m.runId() + " (" + category + ")"));
    }
    List<String> titles = new ArrayList<>(axes);
    titles.add(TOTAL);
    return Optional.of(
        new SvgParallelCoordinates(
                "Settings and total time, colour: " + colourBy.toLowerCase(Locale.ROOT),
                titles,
                lines)
            ::writeTo);
  }

  private static String colourCategory(List<RunMeasure> runs) {
    List<String> categories = new ArrayList<>(runs.getFirst().categories().keySet());
    return categories.stream()
        .filter(c -> runs.stream().map(m -> m.categories().get(c)).distinct().count() > 1)
        .findFirst()
        .orElse(categories.isEmpty() ? "Sampler" : categories.getFirst());
  }

  static Optional<Chart> stepLines(List<RunMeasure> measures) {
    List<RunMeasure> timed = measures.stream().filter(m -> !m.stepSeconds().isEmpty()).toList();
    if (timed.isEmpty()) {
      return Optional.empty();
    }
    String title = "Seconds per sampler step";
    if (timed.size() <= MAX_STEP_LINES) {
      List<SvgLines.Line> lines =
          timed.stream()
              .map(m -> new SvgLines.Line("Run " + m.runId(), points(m.stepSeconds())))
              .toList();
      return Optional.of(new SvgLines(title, STEP, "Seconds", lines, List.of())::writeTo);
    }
    int longest = timed.stream().mapToInt(m -> m.stepSeconds().size()).max().orElseThrow();
    List<SvgLines.Point> medians = new ArrayList<>();
    List<SvgLines.Span> spans = new ArrayList<>();
    for (int step = 0; step < longest; step++) {
      int index = step;
      double[] values =
          timed.stream()
              .filter(m -> m.stepSeconds().size() > index)
              .mapToDouble(m -> m.stepSeconds().get(index))
              .sorted()
              .toArray();
      medians.add(new SvgLines.Point(step + 1, median(values)));
      spans.add(new SvgLines.Span(step + 1, values[0], values[values.length - 1]));
    }
    return Optional.of(
        new SvgLines(
                title,
                STEP,
                "Seconds",
                List.of(new SvgLines.Line("median of " + timed.size() + " runs", medians)),
                List.of(new SvgLines.Band("min–max", spans)))
            ::writeTo);
  }

  private static List<SvgLines.Point> points(List<Double> stepSeconds) {
    return IntStream.range(0, stepSeconds.size())
        .mapToObj(i -> new SvgLines.Point(i + 1, stepSeconds.get(i)))
        .toList();
  }

  private static double median(double[] sorted) {
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }

  /** The measures that have what a chart needs, as points grouped by model and device. */
  private static List<SvgScatter.Series> bySeries(
      List<RunMeasure> measures,
      Predicate<RunMeasure> usable,
      Function<RunMeasure, SvgScatter.Point> point) {
    Map<String, List<SvgScatter.Point>> groups = new LinkedHashMap<>();
    for (RunMeasure m : measures) {
      if (usable.test(m)) {
        groups.computeIfAbsent(m.series(), key -> new ArrayList<>()).add(point.apply(m));
      }
    }
    return groups.entrySet().stream()
        .map(group -> new SvgScatter.Series(group.getKey(), group.getValue()))
        .toList();
  }
}
