package com.diffusionlab.scheduling;

/**
 * Jobs waiting for a class of device that no responding worker runs jobs on.
 *
 * @param deviceClass what they ask for ({@code gpu}, {@code cpu})
 * @param waiting how many
 * @param reason why they wait, in words
 */
public record UnservedJobs(String deviceClass, long waiting, String reason) {}
