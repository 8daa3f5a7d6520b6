package com.diffusionlab.scheduling;

/**
 * What a job is expected to take before it runs: wall seconds, peak memory, device-seconds and cost
 * at the configured price per device-hour.
 *
 * @param calibrated true when derived from this model's own recorded runs, false for the size-based
 *     guess
 */
public record Estimate(
    double seconds, long peakMemoryBytes, double deviceSeconds, double cost, boolean calibrated) {}
