package com.diffusionlab.tracking;

/**
 * A run to record before any work starts.
 *
 * @param experimentName the submitter's experiment to join, created when missing; blank for their
 *     default experiment
 * @param settings as {@link GenerationRequests#recorded} makes them
 */
public record NewRun(
    long sessionId,
    String experimentName,
    long userId,
    Long parentId,
    GenerationSettings settings,
    double estimateSeconds) {}
