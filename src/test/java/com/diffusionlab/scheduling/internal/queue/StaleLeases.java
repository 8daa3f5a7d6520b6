package com.diffusionlab.scheduling.internal.queue;

import com.github.kagkarlsson.scheduler.CurrentlyExecuting;
import com.github.kagkarlsson.scheduler.HeartbeatConfig;
import com.github.kagkarlsson.scheduler.task.Execution;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import java.time.Duration;
import java.time.Instant;

/**
 * Leases as a wedged worker holds them: claimed at some version, with a clock that stopped, so the
 * worker never notices on its own that its heartbeats ended and other nodes took the job over. What
 * such a worker tries to write must be refused by the version alone.
 */
public final class StaleLeases {

  private StaleLeases() {}

  /**
   * @param version the version the worker claimed the job's row with
   */
  public static JobLease of(
      long runId, String node, long version, Instant executionTime, FencedCompletion completion) {
    Instant stopped = Instant.now();
    Execution execution =
        new Execution(
            executionTime,
            new TaskInstance<Void>(JobQueue.GENERATE.getTaskName(), Long.toString(runId)),
            true,
            node,
            null,
            null,
            0,
            stopped,
            version);
    Duration heartbeat = Duration.ofSeconds(1);
    return new JobLease(
        execution,
        new CurrentlyExecuting(
            execution, () -> stopped, new HeartbeatConfig(heartbeat, 4, heartbeat.multipliedBy(4))),
        completion);
  }
}
