package com.diffusionlab.scheduling;

import java.util.List;

/**
 * One axis of a sweep as a grid labels it.
 *
 * @param axis {@code x}, {@code y} or {@code z}
 * @param field what the axis changes, e.g. {@code cfg} or {@code prompt S/R}
 */
public record AxisLabels(String axis, String field, List<String> labels) {}
