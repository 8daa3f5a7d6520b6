package com.diffusionlab.scheduling.internal;

import com.diffusionlab.engine.DeviceSpeed;
import com.diffusionlab.engine.GenerationWork;
import com.diffusionlab.scheduling.Estimate.Basis;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Predicts a run's seconds and peak memory from the runs finished before it, on the best basis
 * there is ({@link Basis}): the configuration's own runs (median seconds per step and of the fixed
 * part), else the device's two rates fitted on every run it finished, applied to the work the
 * engine counts in this run's architecture and scaled by how this model ran against the fit, else
 * the device's measured speed. Runs that loaded their model are left out of the fits (their first
 * steps warm the kernels up too); the model's load time is added when the engine does not hold it.
 * Then everything is scaled half-way towards the device's recent pace: how its last three runs, of
 * any configuration, went against what the same fits say of them (a shared machine's speed changes
 * several-fold within minutes when other work starts). No state: the same history gives the same
 * prediction, which is what the benchmark replays.
 */
final class EstimateModel {

  /** A configuration's runs that count, the latest. */
  private static final int CONFIGURATION_WINDOW = 30;

  /** Runs of a configuration before its own history is the basis. */
  private static final int MIN_HISTORY = 3;

  private static final int DEVICE_WINDOW = 300;
  private static final int PACE_RUNS = 3;
  private static final Duration PACE_AGE = Duration.ofMinutes(15);
  private static final double PACE_LIMIT = 5;

  /** Bytes loaded per second where no load was ever timed here. */
  private static final double LOAD_BYTES_PER_SECOND = 200e6;

  /**
   * A peak holds several activations at once (the input, the result, a skip connection): this many
   * largest ones, for a model without history.
   */
  private static final double LIVE_ACTIVATIONS = 3;

  /** What is asked: a run of a configuration with its counted work. */
  record Target(ConfigKey key, GenerationWork work, boolean modelHeld, long memoryBaseline) {}

  /** Seconds and peak memory with their bands, and what they rest on. */
  record Prediction(
      double seconds,
      double secondsLow,
      double secondsHigh,
      long peak,
      long peakLow,
      long peakHigh,
      Basis basis,
      int runs) {}

  /** Seconds of work without loading, with their band. */
  private record Expectation(double compute, Band band, Basis basis, int runs) {}

  /** Peak memory, low and high. */
  private record Memory(long peak, long low, long high) {

    static Memory around(double expected, double low, double high) {
      return new Memory((long) expected, (long) low, (long) high);
    }
  }

  private final Function<Observation, GenerationWork> workOf;
  private final Supplier<DeviceSpeed> probe;
  private final boolean followsPace;

  /**
   * @param workOf the counted work of a finished run, null when its model is gone
   * @param probe the device's measured speed, asked only where no run has finished
   * @param followsPace whether predictions follow the device's recent pace (the benchmark compares
   *     both)
   */
  EstimateModel(
      Function<Observation, GenerationWork> workOf,
      Supplier<DeviceSpeed> probe,
      boolean followsPace) {
    this.workOf = workOf;
    this.probe = probe;
    this.followsPace = followsPace;
  }

  /**
   * @param history finished runs, oldest first
   * @param now when the run is asked for (the pace counts runs that finished shortly before)
   */
  Prediction predict(Target target, List<Observation> history, Instant now) {
    List<Observation> device =
        history.stream().filter(run -> run.key().device().equals(target.key().device())).toList();
    List<Observation> warm = warm(device);
    Expectation expected =
        expectation(target.key(), target.work().evaluations(), target.work(), warm);
    double pace = followsPace ? pace(warm, now) : 1;
    double compute = expected.compute() * pace;
    double load = target.modelHeld() ? 0 : load(target, device);
    Memory memory = memory(target, device);
    return new Prediction(
        load + compute,
        load + compute * expected.band().low(),
        load + compute * expected.band().high(),
        memory.peak(),
        memory.low(),
        memory.high(),
        expected.basis(),
        expected.runs());
  }

  /**
   * @param work the run's counted work; null when unknown, which only the configuration's own
   *     history can do without
   */
  private Expectation expectation(
      ConfigKey key, int evaluations, GenerationWork work, List<Observation> device) {
    List<Observation> own = latest(device.stream().filter(run -> run.key().equals(key)).toList());
    if (own.size() >= MIN_HISTORY) {
      ConfigurationFit fit = ConfigurationFit.of(own);
      return new Expectation(fit.compute(evaluations), fit.band(), Basis.HISTORY, fit.runs());
    }
    if (work == null) {
      return null;
    }
    List<Observation> recent = latest(device, DEVICE_WINDOW);
    List<DeviceFit.Sample> samples = new ArrayList<>();
    List<DeviceFit.Sample> model = new ArrayList<>();
    for (Observation run : recent) {
      GenerationWork done = workOf.apply(run);
      if (done != null) {
        DeviceFit.Sample sample = new DeviceFit.Sample(done.total(), run.compute());
        samples.add(sample);
        if (run.key().modelHash().equals(key.modelHash())) {
          model.add(sample);
        }
      }
    }
    if (samples.isEmpty()) {
      return new Expectation(probe.get().seconds(work.total()), Band.factor(2), Basis.PROBE, 0);
    }
    DeviceFit fit = DeviceFit.of(samples, probe);
    double seconds = fit.seconds(work);
    if (model.isEmpty()) {
      // another model's efficiency is not this one's: twice the device's own spread
      return new Expectation(seconds, fit.band().widened(2), Basis.DEVICE, fit.runs());
    }
    List<DeviceFit.Sample> latestOfModel = latest(model);
    List<Double> ratios =
        latestOfModel.stream().map(s -> s.seconds() / fit.speed().seconds(s.work())).toList();
    double factor = Quantiles.of(ratios).median();
    List<Double> relative = ratios.stream().map(ratio -> ratio / factor).toList();
    // a configuration not among the model's runs strays further than they do from the fit
    return new Expectation(
        seconds * factor, Band.of(relative, 2), Basis.MODEL, latestOfModel.size());
  }

  /**
   * How the device's last few runs went against what the fits say of them: the square root of their
   * median ratio of actual to expected seconds, 1 when fewer than three finished lately.
   */
  private double pace(List<Observation> device, Instant now) {
    Instant since = now.minus(PACE_AGE);
    List<Observation> lately =
        device.stream().filter(run -> !run.finishedAt().isBefore(since)).toList();
    List<Double> ratios = new ArrayList<>();
    for (Observation run : latest(lately, PACE_RUNS)) {
      Expectation expected = expectation(run.key(), run.evaluations(), workOf.apply(run), device);
      if (expected != null && expected.compute() > 0) {
        ratios.add(run.compute() / expected.compute());
      }
    }
    if (ratios.size() < PACE_RUNS) {
      return 1;
    }
    // half-way (in ratio) from the fits to the recent pace: a slowdown the last runs saw may be
    // over by the time this one runs
    double pace = Math.sqrt(Quantiles.of(ratios).median());
    return Math.min(Math.max(pace, 1 / PACE_LIMIT), PACE_LIMIT);
  }

  /**
   * Seconds to load the model: its own loads here, else other models' loads per byte of weights,
   * else a disk's pace.
   */
  private double load(Target target, List<Observation> device) {
    List<Double> own =
        device.stream()
            .filter(run -> run.load() > 0 && run.key().modelHash().equals(target.key().modelHash()))
            .map(Observation::load)
            .toList();
    if (!own.isEmpty()) {
      return Quantiles.of(latest(own, 10)).median();
    }
    List<Double> perByte = new ArrayList<>();
    for (Observation run : device) {
      GenerationWork work = run.load() > 0 ? workOf.apply(run) : null;
      if (work != null && work.weightBytes() > 0) {
        perByte.add(run.load() / work.weightBytes());
      }
    }
    double bytes = target.work().weightBytes();
    return perByte.isEmpty()
        ? bytes / LOAD_BYTES_PER_SECOND
        : Quantiles.of(perByte).median() * bytes;
  }

  /**
   * Peak memory, low and high: the configuration's own peaks; else the model's peaks without its
   * activations, plus this run's; else what the process holds now, the weights if they are not
   * loaded, and the activations.
   */
  private Memory memory(Target target, List<Observation> device) {
    List<Observation> own =
        latest(
            device.stream()
                .filter(run -> run.key().equals(target.key()) && run.peakBytes() != null)
                .toList());
    if (own.size() >= MIN_HISTORY) {
      Quantiles peaks = Quantiles.of(own.stream().map(run -> (double) run.peakBytes()).toList());
      return Memory.around(peaks.median(), peaks.at(0.1), peaks.at(0.9));
    }
    double activations = LIVE_ACTIVATIONS * target.work().activationBytes();
    List<Double> bases = new ArrayList<>();
    for (Observation run : device) {
      GenerationWork work =
          run.peakBytes() != null && run.key().modelHash().equals(target.key().modelHash())
              ? workOf.apply(run)
              : null;
      if (work != null) {
        bases.add(run.peakBytes() - LIVE_ACTIVATIONS * work.activationBytes());
      }
    }
    if (!bases.isEmpty()) {
      Quantiles base = Quantiles.of(latest(bases));
      return Memory.around(
          base.median() + activations,
          base.at(0.1) + activations * 0.75,
          base.at(0.9) + activations * 1.5);
    }
    double expected =
        target.memoryBaseline()
            + (target.modelHeld() ? 0 : target.work().weightBytes())
            + activations;
    return Memory.around(expected, expected * 0.75, expected * 1.5);
  }

  /**
   * The runs whose seconds the fits take: those that did not load their model (the first run after
   * a load also warms the kernels up, and takes several times longer); all of them while none is
   * warm.
   */
  private static List<Observation> warm(List<Observation> runs) {
    List<Observation> warm = runs.stream().filter(run -> run.load() == 0).toList();
    return warm.isEmpty() ? runs : warm;
  }

  private static <T> List<T> latest(List<T> runs) {
    return latest(runs, CONFIGURATION_WINDOW);
  }

  private static <T> List<T> latest(List<T> runs, int count) {
    return runs.subList(Math.max(0, runs.size() - count), runs.size());
  }
}
