package com.diffusionlab.tracking;

/**
 * What a run that failed or was cancelled while running had done: where it ran and what was
 * measured until it stopped (the steps it finished, the time since it started, the memory it peaked
 * at, the device time it used and what that cost). Runs that end before they start have none.
 *
 * @param peakRssBytes null where the process's memory cannot be read
 */
public record PartialWork(
    String engineVersion,
    String device,
    String precision,
    RunTimings timings,
    Long peakRssBytes,
    double deviceSeconds,
    double cost) {}
