package com.diffusionlab.scheduling;

/**
 * What a whole sweep is expected to take: its cells run one after another on the device.
 *
 * @param peakMemoryBytes the largest single cell's peak
 */
public record SweepEstimate(
    int cells, double seconds, double deviceSeconds, double cost, long peakMemoryBytes) {}
