package com.diffusionlab.scheduling.internal;

import com.diffusionlab.scheduling.QueuePlace;
import com.diffusionlab.scheduling.RunStanding;
import com.diffusionlab.scheduling.RunSteps;
import com.diffusionlab.scheduling.internal.queue.JobQueue;
import com.diffusionlab.scheduling.internal.queue.QueueForecast;
import com.diffusionlab.tracking.Run;
import com.diffusionlab.tracking.RunStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Where runs stand now, from what every node shares in the database: the queue, the live nodes with
 * their slots, and the progress the workers write. The one place that tells queue places and time
 * left; the REST API, the run page, the playground and {@code dlab generate --server} show it.
 */
@Component
public class Standings {

  /**
   * How long reads of single queued runs share a forecast: below a client's polling interval and
   * far below a generation step, so a place seen is at most this old.
   */
  static final Duration SHARED_FOR = Duration.ofMillis(500);

  private final JobQueue queue;
  private final NodeRegistry nodes;
  private final RunProgressLog progress;
  private final RecentForecast recent;

  Standings(JobQueue queue, NodeRegistry nodes, RunProgressLog progress) {
    this.queue = queue;
    this.nodes = nodes;
    this.progress = progress;
    this.recent = new RecentForecast(SHARED_FOR, this::forecast, Clock.systemUTC());
  }

  /**
   * The queue's forecast now. Jobs claimed by a node that stopped responding count as waiting at
   * their place: they go back to the queue there once their lease expires.
   */
  public QueueForecast forecast() {
    Instant now = Instant.now();
    Map<String, Integer> live = nodes.liveWorkerSlots();
    List<QueueForecast.Job> waiting = new ArrayList<>();
    List<JobQueue.Job> claimed = new ArrayList<>();
    for (JobQueue.Job job : queue.jobs()) {
      if (job.claimed() && live.containsKey(job.pickedBy())) {
        claimed.add(job);
      } else {
        waiting.add(
            new QueueForecast.Job(job.runId(), job.priority(), job.tag(), job.expectedSeconds()));
      }
    }
    List<Long> claimedRuns = claimed.stream().map(JobQueue.Job::runId).toList();
    Map<Long, RunProgressLog.Entry> running = progress.findAll(claimedRuns);
    Map<String, List<Double>> busy = new HashMap<>();
    for (JobQueue.Job job : claimed) {
      RunProgressLog.Entry entry = running.get(job.runId());
      double left =
          entry == null
              ? job.expectedSeconds()
              : QueueForecast.secondsLeft(
                  job.expectedSeconds(),
                  entry.startedAt(),
                  entry.step(),
                  entry.totalSteps(),
                  entry.secondsPerStep(),
                  now);
      busy.computeIfAbsent(job.pickedBy(), node -> new ArrayList<>()).add(left);
    }
    List<QueueForecast.Node> workers =
        live.entrySet().stream()
            .map(
                node ->
                    new QueueForecast.Node(
                        node.getKey(),
                        node.getValue(),
                        busy.getOrDefault(node.getKey(), List.of())))
            .toList();
    return new QueueForecast(now, waiting, claimedRuns, workers);
  }

  /**
   * Where the run stands; the forecast is read only for a queued run, and shared with the other
   * reads of this node for {@link #SHARED_FOR}.
   */
  public RunStanding of(Run run) {
    return of(run, () -> recent.holding(run.id()));
  }

  /** Where the run stands, with a forecast shared by several runs. */
  public RunStanding of(Run run, Supplier<QueueForecast> forecast) {
    if (run.status() == RunStatus.QUEUED) {
      QueuePlace place = forecast.get().place(run.id()).orElse(null);
      // the forecast hands jobs to any slot; one that no responding worker serves waits instead
      String unserved = place == null ? null : nodes.jobWait(run.id()).reason();
      return new RunStanding(unserved == null ? place : place.withoutEta(unserved), null);
    }
    if (run.status() == RunStatus.RUNNING) {
      return new RunStanding(null, steps(run));
    }
    return RunStanding.NONE;
  }

  private RunSteps steps(Run run) {
    Instant now = Instant.now();
    double expected = run.estimateSeconds() == null ? 0 : run.estimateSeconds();
    Optional<RunProgressLog.Entry> found = progress.find(run.id());
    if (found.isEmpty()) {
      return new RunSteps(
          "STARTING",
          0,
          run.settings().steps(),
          null,
          QueueForecast.secondsLeft(expected, run.startedAt(), 0, 0, null, now),
          null,
          null);
    }
    RunProgressLog.Entry entry = found.get();
    return new RunSteps(
        entry.stage(),
        entry.step(),
        entry.totalSteps(),
        entry.secondsPerStep(),
        QueueForecast.secondsLeft(
            expected,
            entry.startedAt(),
            entry.step(),
            entry.totalSteps(),
            entry.secondsPerStep(),
            now),
        entry.node(),
        entry.updatedAt());
  }
}
