package com.diffusionlab.scheduling.internal;

import com.diffusionlab.scheduling.RunProgress;
import com.diffusionlab.tracking.Run;
import com.diffusionlab.tracking.RunService;
import com.diffusionlab.tracking.RunStatus;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Whoever follows a run on this node (a playground, a run page). A run that this node's worker runs
 * reports every stage and step with its previews; a run that another node runs is followed through
 * the database, at its start and its end (previews and steps stay on the node that runs it).
 */
@Component
public class RunWatchers {
  private static final Logger LOG = LoggerFactory.getLogger(RunWatchers.class);

  private final RunService runs;
  private final Map<Long, List<Consumer<RunProgress>>> watchers = new ConcurrentHashMap<>();
  private final Set<Long> runningHere = ConcurrentHashMap.newKeySet();

  /** The last status told for runs followed through the database. */
  private final Map<Long, RunStatus> told = new ConcurrentHashMap<>();

  RunWatchers(RunService runs) {
    this.runs = runs;
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
              null);
      list.forEach(listener -> notify(listener, progress));
    }
  }

  /** Follows, through the database, the watched runs that no worker of this node runs. */
  @Scheduled(fixedDelayString = "${dlab.queue.watch-interval:500ms}")
  void followRunsElsewhere() {
    for (Long runId : watchers.keySet()) {
      if (runningHere.contains(runId)) {
        continue;
      }
      try {
        runs.find(runId).ifPresentOrElse(this::seen, () -> watchers.remove(runId));
      } catch (RuntimeException e) {
        LOG.debug("cannot follow run {}", runId, e);
      }
    }
  }

  private void seen(Run run) {
    if (run.status().finished()) {
      ended(run);
    } else if (run.status() == RunStatus.RUNNING
        && told.put(run.id(), RunStatus.RUNNING) != RunStatus.RUNNING
        && !runningHere.contains(run.id())) {
      progress(
          new RunProgress(
              run.id(), RunStatus.RUNNING, "RUNNING", 0, run.settings().steps(), 0, null));
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
