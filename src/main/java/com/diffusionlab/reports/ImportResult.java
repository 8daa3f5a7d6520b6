package com.diffusionlab.reports;

import java.util.List;
import java.util.Map;

/**
 * What a bundle import created.
 *
 * @param runIds each imported run's id in the bundle → its id here
 * @param notes what the user should know, e.g. models that are not registered here (their runs
 *     cannot be replayed until they are)
 */
public record ImportResult(
    List<Long> experimentIds,
    List<String> experimentNames,
    int runs,
    int images,
    Map<Long, Long> runIds,
    List<String> notes) {}
