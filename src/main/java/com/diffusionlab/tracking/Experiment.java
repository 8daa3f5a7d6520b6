package com.diffusionlab.tracking;

import java.time.Instant;

/** A named group of runs in a session. */
public record Experiment(
    long id, long sessionId, String name, String description, Instant createdAt) {}
