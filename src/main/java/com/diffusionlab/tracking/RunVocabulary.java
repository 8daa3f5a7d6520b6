package com.diffusionlab.tracking;

import java.util.Set;

/**
 * The distinct values a selection of runs takes in its categorical columns.
 *
 * @param runs how many runs the selection holds
 */
public record RunVocabulary(
    Set<String> models,
    Set<String> samplers,
    Set<String> schedules,
    Set<String> rngs,
    Set<String> devices,
    Set<String> precisions,
    long runs) {}
