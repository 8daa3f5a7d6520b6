package com.diffusionlab.tracking;

import java.time.Instant;
import java.util.Map;

/**
 * An experiment with what the Experiments list shows about it.
 *
 * @param statuses how many of its runs are in each status
 * @param lastActivity the latest run's creation or end, or the experiment's last change
 */
public record ExperimentSummary(
    Experiment experiment,
    long runs,
    Map<RunStatus, Long> statuses,
    double deviceSeconds,
    double cost,
    Instant lastActivity) {}
