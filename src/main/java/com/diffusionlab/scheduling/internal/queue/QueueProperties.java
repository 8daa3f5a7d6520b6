package com.diffusionlab.scheduling.internal.queue;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How workers poll the job queue and hold their leases ({@code dlab.queue.*}).
 *
 * @param pollingInterval how often an idle worker looks for due jobs (a job queued on this node
 *     wakes its own worker at once)
 * @param heartbeatInterval how often a worker renews the leases of the jobs it runs
 * @param missedHeartbeats a job whose lease was not renewed for this many intervals is taken to be
 *     dead and queued again (db-scheduler's minimum is 4)
 * @param maxAttempts a job whose workers died this many times is failed with the reason
 * @param shutdownMaxWait how long a stopping worker lets its running jobs finish; those still
 *     running then are left to another worker (or this one's next start) when their lease expires
 * @param affinitySlack how far behind the head of the fair-share order (in virtual seconds:
 *     device-seconds over the session's weight) a job for a model the worker holds loaded may be
 *     and still go first ({@link ClaimPolicy})
 */
@ConfigurationProperties("dlab.queue")
public record QueueProperties(
    @DefaultValue("1s") Duration pollingInterval,
    @DefaultValue("5s") Duration heartbeatInterval,
    @DefaultValue("6") int missedHeartbeats,
    @DefaultValue("3") int maxAttempts,
    @DefaultValue("10m") Duration shutdownMaxWait,
    @DefaultValue("30s") Duration affinitySlack) {

  public QueueProperties {
    positive("dlab.queue.polling-interval", pollingInterval);
    positive("dlab.queue.heartbeat-interval", heartbeatInterval);
    if (missedHeartbeats < 4) {
      throw new IllegalArgumentException(
          "dlab.queue.missed-heartbeats=" + missedHeartbeats + " is not allowed: at least 4");
    }
    if (maxAttempts < 1 || maxAttempts > 100) {
      throw new IllegalArgumentException(
          "dlab.queue.max-attempts=" + maxAttempts + " is not allowed: 1 to 100");
    }
    if (shutdownMaxWait == null || shutdownMaxWait.isNegative()) {
      throw new IllegalArgumentException(
          "dlab.queue.shutdown-max-wait=" + shutdownMaxWait + " is not allowed: 0 or more");
    }
    if (affinitySlack == null || affinitySlack.isNegative()) {
      throw new IllegalArgumentException(
          "dlab.queue.affinity-slack=" + affinitySlack + " is not allowed: 0 or more");
    }
  }

  /** How long a job's lease lasts without a heartbeat. */
  public Duration leaseTimeout() {
    return heartbeatInterval.multipliedBy(missedHeartbeats);
  }

  private static void positive(String name, Duration value) {
    if (value == null || value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(name + "=" + value + " is not allowed: more than 0");
    }
  }
}
