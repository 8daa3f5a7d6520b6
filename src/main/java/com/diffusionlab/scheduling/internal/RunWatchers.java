package com.diffusionlab.scheduling.internal;

import com.diffusionlab.scheduling.RunProgress;
import com.diffusionlab.scheduling.RunStanding;
import com.diffusionlab.scheduling.RunSteps;
import com.diffusionlab.scheduling.internal.queue.QueueForecast;
import com.diffusionlab.tracking.Run;
import com.diffusionlab.tracking.RunService;
import com.diffusionlab.tracking.RunStatus;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Whoever follows a run on this node (a playground, a run page). A run that this node's worker runs
 * reports every stage and step with its previews; a run waiting in the queue is followed through
 * the database with its place and ETA, and a run that another node runs with the progress its
 * worker writes there (stages and steps, at most every half second; previews stay on that node).
 */
@Component
public class RunWatchers {
  private static final Logger LOG = LoggerFactory.getLogger(RunWatchers.class);

  private final RunService runs;
  private final Standings standings;
  private final Map<Long, List<Consumer<RunProgress>>> watchers = new ConcurrentHashMap<>();
  private final Set<Long> runningHere = ConcurrentHashMap.newKeySet();

  /** What was last told, in words, of runs followed through the database. */
  private final Map<Long, String> told = new ConcurrentHashMap<>();

  RunWatchers(RunService runs, Standings standings) {
    this.runs = runs;
    this.standings = standings;
  }

  /** Follows a run's progress; the returned handle stops following. */
  public AutoCloseable watch(long runId, Consumer<RunProgress> listener) {
    watchers.computeIfAbsent(runId, id -> new CopyOnWriteArrayList<>()).add(listener);
    return () -> {
      List<Consumer<RunProgress>> list = watchers.get(runId);
      if (list != null) {
        list.remove(listener);
      }
    };
  }

  void runningHere(long runId, boolean running) {
    if (running) {
      runningHere.add(runId);
    } else {
      runningHere.remove(runId);
    }
  }

  /** A stage or step of a run this node runs. */
  void progress(RunProgress progress) {
    List<Consumer<RunProgress>> list = watchers.get(progress.runId());
    if (list != null) {
      list.forEach(listener -> notify(listener, progress));
    }
  }

  /** The run has ended (or was found ended): its watchers hear so once, and are let go. */
  void ended(Run run) {
    told.remove(run.id());
    List<Consumer<RunProgress>> list = watchers.remove(run.id());
    if (list != null) {
      RunProgress progress =
          new RunProgress(
              run.id(),
              run.status(),
              run.status().name(),
              run.settings().steps(),
              run.settings().steps(),
              0,
              null,
              null,
              null);
      list.forEach(listener -> notify(listener, progress));
    }
  }

  /**
   * Follows, through the database, the watched runs that no worker of this node runs: a queued
   * run's place and ETA, another node's run's progress, each told when its words change. One
   * forecast of the queue serves every queued run of a round.
   */
  @Scheduled(fixedDelayString = "${dlab.queue.watch-interval:500ms}")
  void followRunsElsewhere() {
    Supplier<QueueForecast> forecast = new Once<>(standings::forecast);
    for (Long runId : watchers.keySet()) {
      if (runningHere.contains(runId)) {
        continue;
      }
      try {
        runs.find(runId).ifPresentOrElse(run -> seen(run, forecast), () -> watchers.remove(runId));
      } catch (RuntimeException e) {
        LOG.debug("cannot follow run {}", runId, e);
      }
    }
  }

  private void seen(Run run, Supplier<QueueForecast> forecast) {
    if (run.status().finished()) {
      ended(run);
      return;
    }
    RunStanding standing = standings.of(run, forecast);
    RunProgress progress =
        standing.progress() == null
            ? new RunProgress(
                run.id(),
                run.status(),
                run.status().name(),
                0,
                run.settings().steps(),
                0,
                null,
                standing.queue(),
                null)
            : running(run.id(), standing.progress());
    String words =
        progress.queue() != null
            ? progress.queue().describe()
            : progress.status() == RunStatus.RUNNING ? progress.describe() : progress.stage();
    if (!words.equals(told.put(run.id(), words)) && !runningHere.contains(run.id())) {
      progress(progress);
    }
  }

  private static RunProgress running(long runId, RunSteps steps) {
    return new RunProgress(
        runId,
        RunStatus.RUNNING,
        steps.stage(),
        steps.step(),
        steps.totalSteps(),
        steps.secondsPerStep() == null ? 0 : steps.secondsPerStep(),
        null,
        null,
        steps.secondsLeft());
  }

  /** Computes its value on first use, once. */
  private static final class Once<T> implements Supplier<T> {
    private final Supplier<T> compute;
    private T value;

    Once(Supplier<T> compute) {
      this.compute = compute;
    }

    @Override
    public T get() {
      if (value == null) {
        value = compute.get();
      }
      return value;
    }
  }

  /** A broken watcher (a closed browser tab) must not break the run. */
  private static void notify(Consumer<RunProgress> listener, RunProgress progress) {
    try {
      listener.accept(progress);
    } catch (RuntimeException e) {
      LOG.debug("progress listener failed", e);
    }
  }
}
