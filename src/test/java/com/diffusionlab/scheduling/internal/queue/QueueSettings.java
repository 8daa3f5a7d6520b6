package com.diffusionlab.scheduling.internal.queue;

import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import java.time.Duration;

/**
 * How a node polls and heartbeats.
 *
 * @param threads executor threads of one node (for generations: its device slots)
 * @param lowerLimit fetch again when no more than this fraction of the threads is busy or queued
 * @param upperLimit fetch up to this fraction of the threads at once (1.0: nothing waits locally)
 * @param heartbeatInterval an execution is dead after {@code missedHeartbeats} of these
 * @param deleteUnresolvedAfter a node deletes every job of a task name it does not know once the
 *     first such job it met is this old, counted from that job's {@code execution_time}
 */
record QueueSettings(
    Polling polling,
    int threads,
    double lowerLimit,
    double upperLimit,
    Duration pollingInterval,
    Duration heartbeatInterval,
    int missedHeartbeats,
    boolean priority,
    Duration deleteUnresolvedAfter) {

  /** The two ways db-scheduler claims due executions. */
  enum Polling {
    /** One statement claims a batch ({@code UPDATE … WHERE … IN (SELECT … SKIP LOCKED)}). */
    LOCK_AND_FETCH,
    /** Reads a batch unlocked, then claims each by an optimistic update of its version. */
    FETCH_AND_LOCK_ON_EXECUTE
  }

  /** Fast heartbeats so that a dead node is noticed within about a second and a half. */
  static QueueSettings forTests(Polling polling, int threads) {
    return new QueueSettings(
        polling,
        threads,
        0.5,
        1.0,
        Duration.ofMillis(100),
        Duration.ofMillis(250),
        4,
        false,
        SchedulerBuilder.DEFAULT_DELETION_OF_UNRESOLVED_TASKS_DURATION);
  }

  QueueSettings withPriority() {
    return new QueueSettings(
        polling,
        threads,
        lowerLimit,
        upperLimit,
        pollingInterval,
        heartbeatInterval,
        missedHeartbeats,
        true,
        deleteUnresolvedAfter);
  }

  QueueSettings withDeleteUnresolvedAfter(Duration after) {
    return new QueueSettings(
        polling,
        threads,
        lowerLimit,
        upperLimit,
        pollingInterval,
        heartbeatInterval,
        missedHeartbeats,
        priority,
        after);
  }

  SchedulerBuilder apply(SchedulerBuilder builder) {
    builder
        .threads(threads)
        .pollingInterval(pollingInterval)
        .heartbeatInterval(heartbeatInterval)
        .missedHeartbeatsLimit(missedHeartbeats)
        .deleteUnresolvedAfter(deleteUnresolvedAfter)
        // a stopped node lets go of blocked executions quickly (the dead-node tests stop one)
        .shutdownMaxWait(Duration.ofMillis(200));
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
