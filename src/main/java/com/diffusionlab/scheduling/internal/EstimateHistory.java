package com.diffusionlab.scheduling.internal;

import com.diffusionlab.engine.GenerationShape;
import com.diffusionlab.engine.sampling.SamplerSettings;
import com.diffusionlab.tracking.GenerationSettings;
import com.diffusionlab.tracking.Run;
import com.diffusionlab.tracking.RunEnded;
import com.diffusionlab.tracking.RunService;
import com.diffusionlab.tracking.RunStatus;
import com.diffusionlab.tracking.RunTimings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The runs estimates learn from: the latest {@value #SIZE} that succeeded, read from the runs table
 * and topped up with those that finished since, so that runs finished by workers on other nodes
 * count too. Read again when a run ended here, else at most every few seconds.
 */
@Component
class EstimateHistory {

  static final int SIZE = 2000;
  private static final Duration STALE = Duration.ofSeconds(10);
  private static final Duration OVERLAP = Duration.ofMinutes(1);

  private final RunService runs;
  private final Deque<Observation> window = new ArrayDeque<>();
  private final Set<Long> known = new HashSet<>();
  private Instant newest = Instant.EPOCH;
  private Instant read = Instant.EPOCH;
  private volatile boolean ended = true;

  EstimateHistory(RunService runs) {
    this.runs = runs;
  }

  /** The runs, oldest first. */
  synchronized List<Observation> observations() {
    Instant now = Instant.now();
    if (ended || now.isAfter(read.plus(STALE))) {
      ended = false;
      read = now;
      // a minute back: a run on another node may commit after one that finished later; runs
      // read before come again and are known by id
      runs.succeededSince(newest.minus(OVERLAP), SIZE).forEach(this::add);
    }
    return List.copyOf(window);
  }

  @TransactionalEventListener(fallbackExecution = true)
  void on(RunEnded event) {
    if (event.status() == RunStatus.SUCCEEDED) {
      ended = true;
    }
  }

  private void add(Run run) {
    Observation observation = observation(run);
    if (observation == null || !known.add(run.id())) {
      return;
    }
    window.addLast(observation);
    if (run.finishedAt().isAfter(newest)) {
      newest = run.finishedAt();
    }
    while (window.size() > SIZE) {
      known.remove(window.removeFirst().runId());
    }
  }

  /** A succeeded run as estimates see it; null when it lacks what they need (an import). */
  static Observation observation(Run run) {
    RunTimings timings = run.timings();
    GenerationSettings settings = run.settings();
    if (run.finishedAt() == null
        || run.device() == null
        || timings.total() == null
        || timings.sampling() == null
        || timings.steps().isEmpty()) {
      return null;
    }
    GenerationShape shape = shape(settings);
    double load = timings.load() == null ? 0 : timings.load();
    return new Observation(
        run.id(),
        run.finishedAt(),
        ConfigKey.of(settings.model(), run.device(), shape),
        shape,
        timings.steps().size(),
        load,
        timings.total() - load,
        timings.sampling(),
        "gpu".equals(run.device()) ? run.peakDeviceBytes() : run.peakRssBytes(),
        run.estimateSeconds(),
        run.estimate() == null ? null : run.estimate().secondsLow(),
        run.estimate() == null ? null : run.estimate().secondsHigh());
  }

  /** The shape of a run's work from its recorded settings. */
  static GenerationShape shape(GenerationSettings settings) {
    boolean imageInput = settings.initImage() != null;
    return new GenerationShape(
        settings.width(),
        settings.height(),
        settings.batch(),
        settings.steps(),
        settings.cfg(),
        new SamplerSettings(
            settings.sampler(), settings.schedule(), settings.eta() == null ? 0 : settings.eta()),
        imageInput && settings.strength() != null ? settings.strength() : 1,
        imageInput);
  }
}
