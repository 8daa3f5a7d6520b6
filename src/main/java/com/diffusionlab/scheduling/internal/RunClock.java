package com.diffusionlab.scheduling.internal;

import com.diffusionlab.engine.GenerationListener.Stage;
import com.diffusionlab.tracking.RunTimings;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a running generation has done so far, for when it stops before the engine reports its
 * timings: when it started, when each stage began, how long each finished step took. Fed from the
 * worker's thread only.
 */
final class RunClock {

  private final long started = System.nanoTime();
  private final Map<Stage, Long> stageStarts = new EnumMap<>(Stage.class);
  private final List<Double> steps = new ArrayList<>();

  void stage(Stage stage) {
    stageStarts.putIfAbsent(stage, System.nanoTime());
  }

  void step(double seconds) {
    steps.add(seconds);
  }

  /**
   * The time each stage it reached took until now (the queue wait is the run's own); the one it
   * stopped in counts until now, those it never reached stay null.
   */
  RunTimings timings() {
    long now = System.nanoTime();
    return new RunTimings(
        null,
        stageSeconds(Stage.LOADING, Stage.TOKENIZING, now),
        stageSeconds(Stage.TOKENIZING, Stage.ENCODING, now),
        stageSeconds(Stage.ENCODING, Stage.SAMPLING, now),
        steps.isEmpty() ? null : steps.stream().mapToDouble(Double::doubleValue).sum(),
        stageSeconds(Stage.DECODING, null, now),
        seconds(now - started),
        List.copyOf(steps));
  }

  private Double stageSeconds(Stage stage, Stage next, long now) {
    Long from = stageStarts.get(stage);
    if (from == null) {
      return null;
    }
    Long to = next == null ? null : stageStarts.get(next);
    return seconds((to != null ? to : now) - from);
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }
}
