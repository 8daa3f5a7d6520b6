package com.diffusionlab.engine;

import com.diffusionlab.engine.image.RgbImage;

/**
 * One finished sampler step.
 *
 * @param index 0-based step index
 * @param total number of steps of the run
 * @param sigma the noise level the step started from
 * @param seconds the step's own duration
 * @param preview a small approximate picture of the first image's current estimate, or null when
 *     previews were not asked for
 */
public record StepProgress(int index, int total, double sigma, double seconds, RgbImage preview) {}
