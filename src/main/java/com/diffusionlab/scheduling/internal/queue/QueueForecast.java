package com.diffusionlab.scheduling.internal.queue;

import com.diffusionlab.scheduling.QueuePlace;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * Where each waiting job stands and when it is expected to start, at one moment: the waiting jobs
 * in the order workers claim them (db-scheduler's {@code ORDER BY priority DESC, execution_time
 * ASC}, whose execution time is the fair-share tag, see {@link FairShareClock}), handed one by one
 * to whichever device slot frees first. A slot frees when the job it runs has no time left (a free
 * slot at once), then after each job handed to it, by that job's expected seconds.
 */
public final class QueueForecast {

  /** Why a queued job has no ETA when no node could run it. */
  public static final String NO_WORKER = "no node that runs jobs is responding";

  /**
   * A job waiting for a worker.
   *
   * @param priority db-scheduler's priority (0 unless set; higher first)
   * @param tag its {@code execution_time}: the fair-share tag
   * @param expectedSeconds how long it is expected to hold a device slot
   */
  public record Job(long runId, int priority, Instant tag, double expectedSeconds) {}

  /**
   * A node that runs jobs and responds.
   *
   * @param secondsLeft for each job it runs, the seconds that job is expected to go on
   */
  public record Node(String name, int slots, List<Double> secondsLeft) {}

  /** The order in which workers claim waiting jobs; the run's id breaks ties. */
  public static final Comparator<Job> CLAIM_ORDER =
      Comparator.comparingInt(Job::priority)
          .reversed()
          .thenComparing(Job::tag)
          .thenComparingLong(Job::runId);

  private final Instant madeAt;
  private final Map<Long, QueuePlace> places = new HashMap<>();

  /**
   * @param waiting the jobs no live worker holds, in any order
   * @param claimed the runs whose jobs a live worker has claimed (they start now)
   * @param nodes the nodes that run jobs and respond
   */
  public QueueForecast(
      Instant now, Collection<Job> waiting, Collection<Long> claimed, Collection<Node> nodes) {
    this.madeAt = now;
    PriorityQueue<Double> free = new PriorityQueue<>();
    for (Node node : nodes) {
      List<Double> busy = node.secondsLeft().stream().map(left -> Math.max(0, left)).toList();
      // a node never runs more jobs than its slots; if it were to, the excess waits for a slot
      for (int slot = 0; slot < Math.max(node.slots(), busy.size()); slot++) {
        free.add(slot < busy.size() ? busy.get(slot) : 0.0);
      }
    }
    int slots = free.size();
    List<Job> order = new ArrayList<>(waiting);
    order.sort(CLAIM_ORDER);
    for (int ahead = 0; ahead < order.size(); ahead++) {
      Job job = order.get(ahead);
      if (slots == 0) {
        places.put(job.runId(), new QueuePlace(ahead + 1, ahead, null, null, 0, NO_WORKER));
        continue;
      }
      double start = free.poll();
      free.add(start + Math.max(0, job.expectedSeconds()));
      places.put(
          job.runId(),
          new QueuePlace(ahead + 1, ahead, tenths(start), at(now, start), slots, null));
    }
    for (long runId : claimed) {
      places.put(runId, new QueuePlace(0, 0, 0.0, now, slots, null));
    }
  }

  /** The run's place, or empty when it has no job in the queue. */
  public Optional<QueuePlace> place(long runId) {
    return Optional.ofNullable(places.get(runId));
  }

  /** When it was made. */
  public Instant madeAt() {
    return madeAt;
  }

  /**
   * The seconds a running job is expected to go on: the steps it has left at the pace of those it
   * did; before its first step, what it was expected to take less the time it has run.
   *
   * @param startedAt when this attempt started, or null when it has not yet
   * @param secondsPerStep the mean time of the steps done, or null before the first
   */
  public static double secondsLeft(
      double expectedSeconds,
      Instant startedAt,
      int step,
      int totalSteps,
      Double secondsPerStep,
      Instant now) {
    if (step > 0 && secondsPerStep != null) {
      return tenths(Math.max(0, totalSteps - step) * secondsPerStep);
    }
    double ran = startedAt == null ? 0 : Duration.between(startedAt, now).toMillis() / 1000.0;
    return tenths(Math.max(0, expectedSeconds - ran));
  }

  private static double tenths(double seconds) {
    return Math.round(seconds * 10) / 10.0;
  }

  private static Instant at(Instant now, double seconds) {
    return now.plusMillis(Math.round(seconds * 1000));
  }
}
