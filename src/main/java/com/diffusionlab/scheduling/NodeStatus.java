package com.diffusionlab.scheduling;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * A node of the workspace as the Devices view shows it.
 *
 * @param web serves the UI and REST API ({@code dlab serve}); false for {@code dlab worker}
 * @param runsJobs claims jobs from the queue
 * @param slots jobs at once on its job device
 * @param jobDevice the device its jobs run on ({@code cpu}, {@code gpu:0})
 * @param deviceClass the class of that device ({@code cpu}, {@code gpu}): its worker claims jobs
 *     that ask for this class or for none
 * @param responding whether its last heartbeat is recent
 * @param running the runs it works on now, by id
 * @param modelCacheBytes the memory budget of its model cache (null for a node of an older version)
 * @param models the models it holds loaded, the most recently used first
 */
public record NodeStatus(
    String name,
    boolean web,
    boolean runsJobs,
    int slots,
    String jobDevice,
    String deviceClass,
    String engineVersion,
    Instant startedAt,
    Instant heartbeatAt,
    boolean responding,
    List<DeviceStatus> devices,
    List<Long> running,
    Long modelCacheBytes,
    List<NodeModel> models) {

  /** The share of its slots in use, 0 to 1: it follows from its slots and what it runs. */
  @JsonProperty
  public double utilisation() {
    return Math.min(1, running.size() / (double) slots);
  }
}
