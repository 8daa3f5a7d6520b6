package com.diffusionlab.scheduling;

/**
 * A device of a node.
 *
 * @param device {@code cpu} or {@code gpu:N}
 * @param kind {@code cpu} or {@code gpu}
 * @param memoryTotalBytes null where the node cannot read it
 * @param memoryUsedBytes device-wide, by every process; null where the node cannot read it
 */
public record DeviceStatus(
    String device, String kind, String description, Long memoryTotalBytes, Long memoryUsedBytes) {}
