package com.diffusionlab.scheduling;

import java.time.Instant;

/**
 * How far a running run has got, as its worker last wrote it (at most every half second, on any
 * node): stage, steps done of the total, and the time left.
 *
 * @param stage the engine's stage ({@code LOADING}, {@code TOKENIZING}, {@code ENCODING}, {@code
 *     SAMPLING}, {@code DECODING}), or {@code STARTING} before its worker wrote any
 * @param secondsPerStep the mean time of the steps done so far, or null before the first
 * @param secondsLeft the steps left at that pace, or, before the first step, the estimate less the
 *     time it has run
 * @param node the node that runs it, or null before its worker wrote any progress
 * @param updatedAt when its worker wrote this, or null
 */
public record RunSteps(
    String stage,
    int step,
    int totalSteps,
    Double secondsPerStep,
    double secondsLeft,
    String node,
    Instant updatedAt) {

  /** "step 7/20 · 0.12 s · about 10 s left", or "loading … · about 40 s left". */
  public String describe() {
    return Durations.progress(stage, step, totalSteps, secondsPerStep, secondsLeft);
  }
}
