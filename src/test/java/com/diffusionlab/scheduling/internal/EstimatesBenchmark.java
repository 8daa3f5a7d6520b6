package com.diffusionlab.scheduling.internal;

import com.diffusionlab.engine.GenerationShape;
import com.diffusionlab.engine.work.WorkCounter;
import com.diffusionlab.scheduling.Estimate.Basis;
import com.diffusionlab.scheduling.internal.EstimateReplay.Group;
import com.diffusionlab.scheduling.internal.EstimateReplay.Outcome;
import com.diffusionlab.scheduling.internal.EstimateReplay.Row;
import com.diffusionlab.scheduling.internal.EstimateReplay.Workload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * How right estimates are on a recorded workload ({@link EstimatesWorkloadRecorder}), replayed by
 * {@link EstimateReplay}: each run estimated from the runs before it exactly as the workspace
 * would, then added to the history. Errors are grouped by how many runs of the same configuration
 * came before: none (a configuration never seen), one or two, three to nineteen, twenty or more.
 * The size-based estimator this project had before is replayed on the same runs for comparison. Not
 * part of the suite; takes seconds:
 *
 * <pre>
 * ./mvnw -o test -Dtest=EstimatesBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * Prints a table and writes the replay section of docs/benchmarks/estimates.md.
 */
class EstimatesBenchmark {

  private static final Path REPORT = Path.of("docs/benchmarks/estimates.md");
  private static final String MARKER = "<!-- replay: written by EstimatesBenchmark -->";
  private static final Path MODEL = Path.of("models/tiny-shapes");

  @Test
  void replay() throws IOException {
    WorkCounter counter = EstimateReplay.counter(MODEL);
    Workload main = Workload.read(EstimatesWorkloadRecorder.WORKLOAD);
    Workload contended = Workload.read(EstimatesWorkloadRecorder.CONTENDED);
    Map<String, List<Outcome>> variants = variants(main, counter);
    Map<String, List<Outcome>> stressed = variants(contended, counter);

    String table = table(variants);
    String configurations = configurations(variants.get(THIS));
    String stressTable = table(stressed);
    System.out.println(table);
    System.out.println(configurations);
    System.out.println(stressTable);
    write(main, contended, variants, table, configurations, stressTable);
  }

  private static final String THIS = "this estimator";
  private static final String HINDSIGHT = "hindsight (each configuration's medians known)";

  private static Map<String, List<Outcome>> variants(Workload workload, WorkCounter counter) {
    Map<String, List<Outcome>> variants = new LinkedHashMap<>();
    variants.put(THIS, EstimateReplay.replay(workload, counter, true));
    variants.put("without the device's pace", EstimateReplay.replay(workload, counter, false));
    variants.put("the size-based estimator before", replayBefore(workload.rows()));
    variants.put(HINDSIGHT, hindsight(workload.rows()));
    return variants;
  }

  /**
   * The estimator this project had before, on the same runs: 4·10⁻⁸ s per UNet parameter ×
   * megapixel × step × image pass until the model has run, then that rate measured on the model's
   * runs (smoothed, 0.7 old + 0.3 new), plus 0.2 s + 10⁻⁹ s per parameter and image.
   */
  private static List<Outcome> replayBefore(List<Row> rows) {
    double unetParameters = 4_731_364;
    double parameters = 111_232 + 4_731_364 + 732_743;
    Double perWork = null;
    Map<String, Integer> seen = new HashMap<>();
    List<Outcome> outcomes = new ArrayList<>();
    for (Row row : rows) {
      GenerationShape s = row.shape();
      double work =
          unetParameters
              * s.width()
              * s.height()
              / 1e6
              * s.steps()
              * s.batch()
              * (s.guided() ? 2 : 1);
      double seconds =
          work * (perWork == null ? 4e-8 : perWork) + 0.2 + parameters * 1e-9 * s.batch();
      String key = ConfigKey.of("tiny-shapes", "cpu", s).describe();
      outcomes.add(
          new Outcome(row, seen.getOrDefault(key, 0), Basis.MODEL, seconds, seconds, seconds, 0));
      double measured = row.sampling() / work;
      perWork = perWork == null ? measured : 0.7 * perWork + 0.3 * measured;
      seen.merge(key, 1, Integer::sum);
    }
    return outcomes;
  }

  /**
   * The noise of the machine rather than of an estimator: each run estimated from the medians of
   * all its configuration's runs (seconds per step and the rest), as if they were known in advance.
   */
  private static List<Outcome> hindsight(List<Row> rows) {
    Map<String, List<Row>> byConfiguration = new HashMap<>();
    rows.forEach(
        row ->
            byConfiguration
                .computeIfAbsent(
                    ConfigKey.of("", "", row.shape()).describe(), key -> new ArrayList<>())
                .add(row));
    Map<String, Integer> seen = new HashMap<>();
    List<Outcome> outcomes = new ArrayList<>();
    for (Row row : rows) {
      String key = ConfigKey.of("", "", row.shape()).describe();
      List<Row> all = byConfiguration.get(key);
      double step =
          Quantiles.of(all.stream().map(r -> r.sampling() / r.evaluations()).toList()).median();
      double rest =
          Quantiles.of(all.stream().map(r -> r.total() - r.load() - r.sampling()).toList())
              .median();
      double seconds = row.load() + rest + step * row.evaluations();
      outcomes.add(
          new Outcome(row, seen.getOrDefault(key, 0), Basis.HISTORY, seconds, seconds, seconds, 0));
      seen.merge(key, 1, Integer::sum);
    }
    return outcomes;
  }

  private static String table(Map<String, List<Outcome>> variants) {
    StringBuilder out = new StringBuilder();
    out.append("| runs | n |");
    variants.keySet().forEach(name -> out.append(" ").append(name).append(" |"));
    out.append(" in the band |\n| --- | ---: |");
    variants.keySet().forEach(name -> out.append(" ---: |"));
    out.append(" ---: |\n");
    for (Group group : EstimateReplay.GROUPS) {
      List<Outcome> ours =
          variants.values().iterator().next().stream().filter(group.member()).toList();
      out.append("| ").append(group.name()).append(" | ").append(ours.size()).append(" |");
      for (Map.Entry<String, List<Outcome>> variant : variants.entrySet()) {
        List<Double> errors =
            variant.getValue().stream().filter(group.member()).map(Outcome::error).toList();
        // hindsight knows a configuration's only run: nothing to compare there
        boolean meaningless =
            variant.getKey().equals(HINDSIGHT) && group.name().equals(EstimateReplay.NEVER);
        out.append(
            errors.isEmpty() || meaningless
                ? " – |"
                : String.format(
                    Locale.ROOT, " %.1f%% |", 100 * EstimateReplay.medianAbsolute(errors)));
      }
      long inBand = ours.stream().filter(Outcome::inBand).count();
      out.append(
          ours.isEmpty()
              ? " – |\n"
              : String.format(Locale.ROOT, " %.0f%% |%n", 100.0 * inBand / ours.size()));
    }
    return out.toString();
  }

  /** Per configuration: runs, the estimate's error after 20 runs, bias, band coverage, memory. */
  private static String configurations(List<Outcome> outcomes) {
    Map<String, List<Outcome>> byConfiguration = new LinkedHashMap<>();
    outcomes.forEach(
        o ->
            byConfiguration
                .computeIfAbsent(
                    ConfigKey.of("", "", o.row().shape()).describe(), k -> new ArrayList<>())
                .add(o));
    StringBuilder out = new StringBuilder();
    out.append(
        "| configuration | runs | first run (never seen) | after 3–19 | after 20 | median bias"
            + " | in the band | memory after 3 |\n");
    out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    byConfiguration.forEach(
        (name, runs) -> {
          out.append(
              String.format(
                  Locale.ROOT,
                  "| %s | %d | %+.0f%% | %s | %s | %s | %s | %s |%n",
                  name,
                  runs.size(),
                  100 * runs.getFirst().error(),
                  percent(runs, o -> o.seen() >= 3 && o.seen() < 20),
                  percent(runs, o -> o.seen() >= 20),
                  bias(runs),
                  runs.size() < 3
                      ? ""
                      : String.format(
                          Locale.ROOT,
                          "%.0f%%",
                          100.0
                              * runs.stream().filter(o -> o.seen() >= 3 && o.inBand()).count()
                              / runs.stream().filter(o -> o.seen() >= 3).count()),
                  memory(runs)));
        });
    return out.toString();
  }

  private static String percent(List<Outcome> runs, Predicate<Outcome> which) {
    List<Double> errors = runs.stream().filter(which).map(Outcome::error).toList();
    return errors.isEmpty()
        ? ""
        : String.format(Locale.ROOT, "%.1f%%", 100 * EstimateReplay.medianAbsolute(errors));
  }

  private static String bias(List<Outcome> runs) {
    List<Double> errors = runs.stream().filter(o -> o.seen() >= 3).map(Outcome::error).toList();
    return errors.isEmpty()
        ? ""
        : String.format(Locale.ROOT, "%+.1f%%", 100 * Quantiles.of(errors).median());
  }

  private static String memory(List<Outcome> runs) {
    List<Double> errors =
        runs.stream().filter(o -> o.seen() >= 3).map(Outcome::memoryError).toList();
    return errors.isEmpty()
        ? ""
        : String.format(Locale.ROOT, "%.1f%%", 100 * EstimateReplay.medianAbsolute(errors));
  }

  private static void write(
      Workload main,
      Workload contended,
      Map<String, List<Outcome>> variants,
      String table,
      String configurations,
      String stressTable)
      throws IOException {
    String kept = Files.readString(REPORT);
    int marker = kept.indexOf(MARKER);
    String head = marker < 0 ? kept + "\n" : kept.substring(0, marker);
    List<Outcome> ours = variants.get(THIS);
    List<Double> memoryNew =
        ours.stream()
            .filter(o -> o.seen() == 0 && o.row().run() > 1)
            .map(Outcome::memoryError)
            .toList();
    String body =
        String.format(
            Locale.ROOT,
            """
            %s
            ## Replay of a recorded workload

            `%s`: %d generations with the bundled tiny-shapes model on this VM's 2-core CPU,
            recorded by `EstimatesWorkloadRecorder` as the worker runs them (step previews on), in a
            shuffled order: seven configurations 24 times each with 10, 20 or 30 steps, and ten
            configurations once. The device probe measured %.1f GFLOP/s and %.2f ms per kernel
            call before it started. `./mvnw -o test -Dtest=EstimatesBenchmark
            -Dsurefire.failIfNoSpecifiedTests=false` replays the runs in order, each estimated from
            the runs before it as the workspace would, and wrote this section.

            Median absolute error of the seconds, |estimate − actual| / actual, by how many runs of
            the same configuration came before; "in the band" is the share of this estimator's runs
            whose time fell within the estimate's band (aimed at 80%%). "Hindsight" estimates each
            run from its configuration's medians over all its runs, as if known in advance: what is
            left is the machine's own noise.

            %s
            Targets: under 15%% after 20 runs of a configuration, under 50%% for a configuration
            never seen. Peak memory of a configuration never seen (the model's other runs without
            their activations, plus this one's): median absolute error %.1f%%.

            Per configuration (this estimator):

            %s
            ## Replay of a contended recording

            `%s`: the same recorder at ordinary priority while other builds filled both cores,
            stopped after %d runs: a configuration's step took from 1 to 50 times its quiet time,
            from one run to the next, so that even hindsight is off by half:

            %s""",
            MARKER,
            main.path(),
            main.rows().size(),
            main.probe().flopsPerSecond() / 1e9,
            main.probe().secondsPerCall() * 1000,
            table,
            100 * EstimateReplay.medianAbsolute(memoryNew),
            configurations,
            contended.path(),
            contended.rows().size(),
            stressTable);
    Files.writeString(REPORT, head + body);
  }
}
