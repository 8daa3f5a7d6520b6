package com.diffusionlab.tracking;

/** A run to record before any work starts. */
public record NewRun(
    long sessionId,
    String experimentName,
    long userId,
    Long parentId,
    RunParameters parameters,
    double estimateSeconds) {}
