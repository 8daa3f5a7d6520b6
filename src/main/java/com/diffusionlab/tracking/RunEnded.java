package com.diffusionlab.tracking;

/** Published when a run reaches a final status (succeeded, failed or cancelled). */
public record RunEnded(long runId, long sessionId, RunStatus status) {}
