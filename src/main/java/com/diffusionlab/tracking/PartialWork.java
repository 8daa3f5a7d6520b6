package com.diffusionlab.tracking;

/**
 * What a run that failed or was cancelled while running had done: where it ran and what was
 * measured until it stopped (the steps it finished, the time since it started). Runs that end
 * before they start have none.
 */
public record PartialWork(
    String engineVersion, String device, String precision, RunTimings timings) {}
