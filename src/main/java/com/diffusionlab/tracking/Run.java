package com.diffusionlab.tracking;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** A tracked generation: what was asked, what ran, what came out, and what it cost. */
public record Run(
    long id,
    long sessionId,
    long experimentId,
    String experimentName,
    long userId,
    Long parentId,
    RunStatus status,
    RunParameters parameters,
    String engineVersion,
    String device,
    String precision,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    RunTimings timings,
    Long peakRssBytes,
    Long peakDeviceBytes,
    Double deviceSeconds,
    Double cost,
    Double estimateSeconds,
    String error,
    List<String> warnings,
    String notes,
    Set<String> tags,
    List<RunOutput> outputs,
    Boolean reproducedExactly,
    String reproductionNote) {}
