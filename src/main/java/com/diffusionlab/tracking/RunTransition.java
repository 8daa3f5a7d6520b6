package com.diffusionlab.tracking;

import java.time.Instant;

/**
 * One recorded move of a run: from which status to which, when, why, on which node and in which
 * attempt.
 *
 * @param from null for the run's creation
 * @param attempt the run's attempt at the time: 0 before it first started, then 1, 2, …
 */
public record RunTransition(
    long runId, RunStatus from, RunStatus to, Instant at, String cause, String node, int attempt) {}
