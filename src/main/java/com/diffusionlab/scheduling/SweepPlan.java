package com.diffusionlab.scheduling;

/**
 * A sweep checked and estimated before launch: every cell's settings passed validation and the
 * session's limits; {@code fits} says whether the whole estimate fits the budget that is left.
 *
 * @param problem why it does not fit (the limit and the figures), or null
 */
public record SweepPlan(
    SweepDefinition definition,
    long sessionId,
    SweepEstimate estimate,
    double remainingDeviceSeconds,
    boolean fits,
    String problem) {}
