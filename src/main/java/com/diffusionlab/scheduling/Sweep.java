package com.diffusionlab.scheduling;

import java.time.Instant;
import java.util.List;

/**
 * A launched sweep: a grid of runs over up to three axes, all in one experiment.
 *
 * @param status RUNNING, FINISHED, FAILED or CANCELLED
 * @param definition the YAML it was launched from, normalised
 * @param error why it stopped early, or null
 */
public record Sweep(
    long id,
    String name,
    long experimentId,
    long sessionId,
    long ownerId,
    String status,
    SweepEstimate estimate,
    List<AxisLabels> axes,
    String definition,
    String error,
    Instant createdAt,
    Instant finishedAt) {}
