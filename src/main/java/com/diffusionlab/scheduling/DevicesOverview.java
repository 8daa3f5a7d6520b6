package com.diffusionlab.scheduling;

import java.time.Instant;
import java.util.List;

/**
 * Every node of the workspace with its devices and what it runs, and the queue.
 *
 * @param waiting jobs in the queue that no worker has claimed yet
 */
public record DevicesOverview(Instant at, List<NodeStatus> nodes, long waiting) {}
