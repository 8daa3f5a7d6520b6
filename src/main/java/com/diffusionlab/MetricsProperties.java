package com.diffusionlab;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the workspace's metrics cost and where a worker-only node serves them (README, Metrics and
 * dashboards).
 *
 * @param refreshInterval how often gauges that need the database (the queue, the nodes, quotas) are
 *     read again; between two reads a scrape gets the last values
 * @param maxSessions quota gauges cover at most this many open sessions, those nearest to their
 *     budget, so that the number of series stays bounded
 * @param workerPort the port a worker-only node ({@code dlab worker}) serves {@code
 *     /actuator/prometheus} on; null for none
 */
@ConfigurationProperties("dlab.metrics")
public record MetricsProperties(
    @DefaultValue("15s") Duration refreshInterval,
    @DefaultValue("50") int maxSessions,
    Integer workerPort) {

  public MetricsProperties {
    if (refreshInterval.isNegative() || refreshInterval.isZero()) {
      throw new IllegalArgumentException(
          "dlab.metrics.refresh-interval=" + refreshInterval + " is not allowed: more than 0");
    }
    if (maxSessions < 0 || maxSessions > 1000) {
      throw new IllegalArgumentException(
          "dlab.metrics.max-sessions=" + maxSessions + " is not allowed: 0 to 1000");
    }
    if (workerPort != null && (workerPort < 1 || workerPort > 65535)) {
      throw new IllegalArgumentException(
          "DLAB_METRICS_PORT=" + workerPort + " is not allowed: 1 to 65535");
    }
  }
}
