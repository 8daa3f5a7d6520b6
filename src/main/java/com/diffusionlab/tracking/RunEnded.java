package com.diffusionlab.tracking;

/**
 * Published when a run reaches a final status (succeeded, failed or cancelled), in the transaction
 * that records it, with the device time it used (0 for a run that never started), which its session
 * is charged.
 */
public record RunEnded(
    long runId, long sessionId, RunStatus status, double deviceSeconds, double cost) {}
