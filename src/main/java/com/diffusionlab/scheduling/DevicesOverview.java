package com.diffusionlab.scheduling;

import java.time.Instant;
import java.util.List;

/**
 * Every node of the workspace with its devices and what it runs, and the queue.
 *
 * @param waiting jobs in the queue that no worker has claimed yet
 * @param unserved those of them that ask for a device class no responding worker runs jobs on, by
 *     class
 */
public record DevicesOverview(
    Instant at, List<NodeStatus> nodes, long waiting, List<UnservedJobs> unserved) {}
