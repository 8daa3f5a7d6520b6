package com.diffusionlab.scheduling.internal.queue;

import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import java.time.Duration;

/**
 * How a node polls and heartbeats.
 *
 * @param threads executor threads of one node (for generations: its device slots)
 * @param lowerLimit fetch again when no more than this fraction of the threads is busy or queued
 * @param upperLimit fetch up to this fraction of the threads at once (1.0: nothing waits locally,
 *     where it would have no heartbeats)
 * @param heartbeatInterval an execution is dead after {@code missedHeartbeats} of these
 * @param deleteUnresolvedAfter a node deletes every job of a task name it does not know once the
 *     first such job it met is this old, counted from that job's {@code execution_time}
 * @param shutdownMaxWait how long a stopping node lets its running executions finish
 */
public record QueueSettings(
    Polling polling,
    int threads,
    double lowerLimit,
    double upperLimit,
    Duration pollingInterval,
    Duration heartbeatInterval,
    int missedHeartbeats,
    boolean priority,
    Duration deleteUnresolvedAfter,
    Duration shutdownMaxWait) {

  /**
   * A node that does not know a task name deletes its jobs once they are this old, counted from
   * their {@code execution_time}, which fair share dates from 2000: practically never, so that a
   * job waits for a node that knows it (a rolling upgrade, a node of another version).
   */
  public static final Duration NEVER = Duration.ofDays(365_000);

  /** The two ways db-scheduler claims due executions. */
  public enum Polling {
    /** One statement claims a batch ({@code UPDATE … WHERE … IN (SELECT … SKIP LOCKED)}). */
    LOCK_AND_FETCH,
    /** Reads a batch unlocked, then claims each by an optimistic update of its version. */
    FETCH_AND_LOCK_ON_EXECUTE
  }

  /** A generation worker: one thread per device slot, claiming no more than it has free. */
  public static QueueSettings worker(QueueProperties properties, int slots) {
    return new QueueSettings(
        Polling.LOCK_AND_FETCH,
        slots,
        0.5,
        1.0,
        properties.pollingInterval(),
        properties.heartbeatInterval(),
        properties.missedHeartbeats(),
        false,
        NEVER,
        properties.shutdownMaxWait());
  }

  /**
   * Heartbeats fast enough that a dead node is noticed within about a second and a half, and a
   * stopped node that lets go of blocked executions at once (as a wedged or partitioned one would).
   */
  public static QueueSettings quickToNotice(Polling polling, int threads) {
    return new QueueSettings(
        polling,
        threads,
        0.5,
        1.0,
        Duration.ofMillis(100),
        Duration.ofMillis(250),
        4,
        false,
        SchedulerBuilder.DEFAULT_DELETION_OF_UNRESOLVED_TASKS_DURATION,
        Duration.ofMillis(200));
  }

  public QueueSettings withPriority() {
    return new QueueSettings(
        polling,
        threads,
        lowerLimit,
        upperLimit,
        pollingInterval,
        heartbeatInterval,
        missedHeartbeats,
        true,
        deleteUnresolvedAfter,
        shutdownMaxWait);
  }

  public QueueSettings withDeleteUnresolvedAfter(Duration after) {
    return new QueueSettings(
        polling,
        threads,
        lowerLimit,
        upperLimit,
        pollingInterval,
        heartbeatInterval,
        missedHeartbeats,
        priority,
        after,
        shutdownMaxWait);
  }

  public SchedulerBuilder apply(SchedulerBuilder builder) {
    builder
        .threads(threads)
        .pollingInterval(pollingInterval)
        .heartbeatInterval(heartbeatInterval)
        .missedHeartbeatsLimit(missedHeartbeats)
        .deleteUnresolvedAfter(deleteUnresolvedAfter)
        .shutdownMaxWait(shutdownMaxWait);
    if (polling == Polling.LOCK_AND_FETCH) {
      builder.pollUsingLockAndFetch(lowerLimit, upperLimit);
    } else {
      builder.pollUsingFetchAndLockOnExecute(lowerLimit, upperLimit);
    }
    if (priority) {
      builder.enablePriority();
    }
    return builder;
  }
}
