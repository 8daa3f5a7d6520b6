package com.diffusionlab.scheduling.internal;

import com.diffusionlab.engine.GenerationShape;
import java.time.Instant;

/**
 * A finished run as estimates learn from it: its configuration and shape, where its time went, its
 * peak memory, and what was estimated for it at submission.
 *
 * @param evaluations the steps the sampler ran
 * @param compute seconds of work on the device: the total without loading the model
 * @param sampling seconds of all steps
 * @param peakBytes peak memory (resident on the CPU, device memory on a GPU); null when unknown
 * @param estimated the seconds estimated at submission; null when none was recorded
 */
record Observation(
    long runId,
    Instant finishedAt,
    ConfigKey key,
    GenerationShape shape,
    int evaluations,
    double load,
    double compute,
    double sampling,
    Long peakBytes,
    Double estimated,
    Double estimatedLow,
    Double estimatedHigh) {

  double total() {
    return load + compute;
  }

  /** Encoding and decoding: the time that does not grow with the steps. */
  double fixed() {
    return compute - sampling;
  }
}
