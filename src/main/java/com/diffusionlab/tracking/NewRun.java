package com.diffusionlab.tracking;

/**
 * A run to record before any work starts.
 *
 * @param experimentName the submitter's experiment to join, created when missing; blank for their
 *     default experiment
 * @param experimentId the experiment to join instead, by id (sweeps), or null
 * @param settings as {@link GenerationRequests#recorded} makes them
 * @param estimateSeconds the wall seconds it is expected to take
 * @param estimate the rest of what is expected: the band, peak memory, device-seconds
 */
public record NewRun(
    long sessionId,
    String experimentName,
    Long experimentId,
    long userId,
    Long parentId,
    GenerationSettings settings,
    double estimateSeconds,
    RunEstimate estimate) {}
