package com.diffusionlab.scheduling.internal;

import com.diffusionlab.engine.DeviceSpeed;
import com.diffusionlab.engine.GenerationShape;
import com.diffusionlab.engine.GenerationWork;
import com.diffusionlab.engine.loading.ContentHasher;
import com.diffusionlab.engine.loading.ModelLoader;
import com.diffusionlab.engine.sampling.SamplerSettings;
import com.diffusionlab.engine.work.WorkCounter;
import com.diffusionlab.scheduling.Estimate.Basis;
import com.diffusionlab.scheduling.internal.EstimateModel.Prediction;
import com.diffusionlab.scheduling.internal.EstimateModel.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How right estimates are on a recorded workload (a CSV of generations with the bundled tiny-shapes
 * model, recorded by the test {@code EstimatesWorkloadRecorder}): its runs are replayed in the
 * order they ran, each estimated from the runs before it exactly as the workspace would ({@link
 * EstimateModel}, the work counted from the model's architecture, the device speed the recorder
 * measured before it started), then added to the history. The test {@code EstimatesBenchmark}
 * writes docs/benchmarks/estimates.md from it; {@code dlab bench-queue} reports its summary.
 */
public final class EstimateReplay {

  private static final Pattern SPEED =
      Pattern.compile("device speed before: ([0-9.e+-]+) FLOP/s, ([0-9.e+-]+) s per call");
  private static final Pattern RESIDENT = Pattern.compile("resident before: ([0-9]+) bytes");

  private EstimateReplay() {}

  /** A recorded run. */
  public record Row(
      int run,
      GenerationShape shape,
      int evaluations,
      double load,
      double sampling,
      double total,
      long peak) {}

  /**
   * One replayed estimate against what the run took.
   *
   * @param seen runs of the same configuration before this one
   */
  public record Outcome(
      Row row, int seen, Basis basis, double seconds, double low, double high, long peak) {

    public double error() {
      return (seconds - row.total()) / row.total();
    }

    public boolean inBand() {
      return row.total() >= low && row.total() <= high;
    }

    public double memoryError() {
      return (double) (peak - row.peak()) / row.peak();
    }
  }

  /** Runs grouped by how many of their configuration came before. */
  public record Group(String name, Predicate<Outcome> member) {}

  public static final String NEVER = "never seen";

  public static final List<Group> GROUPS =
      List.of(
          new Group(NEVER, o -> o.seen() == 0),
          new Group("1–2 runs seen", o -> o.seen() >= 1 && o.seen() <= 2),
          new Group("3–19 runs seen", o -> o.seen() >= 3 && o.seen() < 20),
          new Group("20 or more runs seen", o -> o.seen() >= 20),
          new Group("all runs", o -> true));

  /** A recorded workload: its runs and the device speed measured before it. */
  public record Workload(Path path, List<Row> rows, DeviceSpeed probe, long resident) {

    public static Workload read(Path path) throws IOException {
      List<String> lines = Files.readAllLines(path);
      Matcher speed = SPEED.matcher(lines.getFirst());
      Matcher resident = RESIDENT.matcher(lines.getFirst());
      if (!speed.find()) {
        throw new IllegalStateException(
            path + ": no device speed in its first line " + lines.getFirst());
      }
      return new Workload(
          path,
          lines.stream()
              .filter(line -> !line.startsWith("#") && !line.startsWith("run,"))
              .map(EstimateReplay::row)
              .toList(),
          new DeviceSpeed(Double.parseDouble(speed.group(1)), Double.parseDouble(speed.group(2))),
          resident.find() ? Long.parseLong(resident.group(1)) : 0);
    }
  }

  /** Counts the work of generations with the model in {@code folder} from its architecture. */
  public static WorkCounter counter(Path folder) throws IOException {
    return new WorkCounter(new ModelLoader(new ContentHasher()).architecture(folder, null));
  }

  private static Row row(String line) {
    String[] f = line.split(",");
    int width = Integer.parseInt(f[1]);
    int height = Integer.parseInt(f[2]);
    int batch = Integer.parseInt(f[3]);
    double cfg = Double.parseDouble(f[4]);
    GenerationShape shape =
        new GenerationShape(
            width, height, batch, Integer.parseInt(f[6]), cfg, SamplerSettings.of(f[5]), 1, false);
    return new Row(
        Integer.parseInt(f[0]),
        shape,
        Integer.parseInt(f[7]),
        Double.parseDouble(f[8]),
        Double.parseDouble(f[11]),
        Double.parseDouble(f[13]),
        Long.parseLong(f[14]));
  }

  /**
   * Every run estimated from those before it.
   *
   * @param pace whether the estimator follows the device's recent pace
   */
  public static List<Outcome> replay(Workload workload, WorkCounter counter, boolean pace) {
    Map<GenerationShape, GenerationWork> works = new HashMap<>();
    EstimateModel model =
        new EstimateModel(
            run -> works.computeIfAbsent(run.shape(), shape -> counter.work(shape, Float.BYTES)),
            workload::probe,
            pace);
    List<Observation> history = new ArrayList<>();
    Map<ConfigKey, Integer> seen = new HashMap<>();
    List<Outcome> outcomes = new ArrayList<>();
    Instant clock = Instant.EPOCH;
    for (Row row : workload.rows()) {
      ConfigKey key = ConfigKey.of("tiny-shapes", "cpu", row.shape());
      GenerationWork work = works.computeIfAbsent(row.shape(), s -> counter.work(s, Float.BYTES));
      Prediction prediction =
          model.predict(new Target(key, work, row.run() > 1, workload.resident()), history, clock);
      outcomes.add(
          new Outcome(
              row,
              seen.getOrDefault(key, 0),
              prediction.basis(),
              prediction.seconds(),
              prediction.secondsLow(),
              prediction.secondsHigh(),
              prediction.peak()));
      clock = clock.plusMillis((long) (row.total() * 1000));
      history.add(
          new Observation(
              row.run(),
              clock,
              key,
              row.shape(),
              row.evaluations(),
              row.load(),
              row.total() - row.load(),
              row.sampling(),
              row.peak(),
              prediction.seconds(),
              prediction.secondsLow(),
              prediction.secondsHigh()));
      seen.merge(key, 1, Integer::sum);
    }
    return outcomes;
  }

  /** The median of the errors' absolute values; NaN for none. */
  public static double medianAbsolute(List<Double> errors) {
    return errors.isEmpty()
        ? Double.NaN
        : Quantiles.of(errors.stream().map(Math::abs).toList()).median();
  }

  /** The median absolute error of the seconds of the group's runs. */
  public static double medianAbsoluteError(List<Outcome> outcomes, Group group) {
    return medianAbsolute(outcomes.stream().filter(group.member()).map(Outcome::error).toList());
  }
}
