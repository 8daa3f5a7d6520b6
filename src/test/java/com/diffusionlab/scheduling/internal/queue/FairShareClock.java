package com.diffusionlab.scheduling.internal.queue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

/**
 * Weighted fair queueing on db-scheduler's ordering: start-time fair queueing (Goyal, Vin and
 * Cheng, 1996) gives every job a virtual start tag, {@code max(virtual time, the session's last
 * finish tag)}, and a finish tag, {@code start + cost / weight}; jobs run in start-tag order and
 * the virtual time is the start tag of the job that started last. The tag becomes the job's {@code
 * execution_time}, counted in microseconds from an epoch in the past, so every job is due at once
 * and db-scheduler's {@code ORDER BY execution_time} is the fair order. A session that queues 500
 * jobs gets tags far ahead; another session's single job gets the current virtual time and runs
 * next.
 *
 * <p>The spike keeps the tags in memory; in the cluster they are rows (a session's last finish tag
 * and the virtual time), updated in the transaction that queues the job.
 */
final class FairShareClock {
  static final Instant EPOCH = Instant.parse("2000-01-01T00:00:00Z");

  private final Map<String, Long> lastFinish = new HashMap<>();
  private long virtualMicros;

  /**
   * @param cost the job's estimated device-seconds
   * @param weight the session's share (2 gets twice the device time of 1 when both wait)
   * @return the job's {@code execution_time}
   */
  synchronized Instant tag(String session, double weight, double cost) {
    long start = Math.max(virtualMicros, lastFinish.getOrDefault(session, 0L));
    lastFinish.put(session, start + Math.round(cost / weight * 1e6));
    return EPOCH.plus(start, ChronoUnit.MICROS);
  }

  /** Called as a job starts, with its {@code execution_time}: advances the virtual time. */
  synchronized void started(Instant executionTime) {
    virtualMicros = Math.max(virtualMicros, ChronoUnit.MICROS.between(EPOCH, executionTime));
  }
}
