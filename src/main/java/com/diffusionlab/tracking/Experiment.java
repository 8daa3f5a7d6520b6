package com.diffusionlab.tracking;

import java.time.Instant;
import java.util.Set;

/**
 * A named group of runs, owned by a user (names are unique per owner), with a home playground
 * session where its sweeps run, a Markdown description and tags.
 */
public record Experiment(
    long id,
    long sessionId,
    long ownerId,
    String ownerName,
    String name,
    String description,
    Set<String> tags,
    Instant createdAt,
    Instant updatedAt) {}
