package com.diffusionlab.scheduling;

import com.diffusionlab.engine.image.RgbImage;
import com.diffusionlab.tracking.RunStatus;

/**
 * A live update of a run for whoever watches it.
 *
 * @param stage the engine stage, e.g. {@code SAMPLING}, or the run's final status name
 * @param preview a small picture of the current estimate, or null
 */
public record RunProgress(
    long runId,
    RunStatus status,
    String stage,
    int step,
    int totalSteps,
    double stepSeconds,
    RgbImage preview) {}
