package com.diffusionlab.scheduling;

import com.diffusionlab.engine.image.RgbImage;
import com.diffusionlab.tracking.RunStatus;

/**
 * A live update of a run for whoever watches it.
 *
 * @param stage the engine stage, e.g. {@code SAMPLING}, {@code QUEUED} while it waits, or the run's
 *     final status name
 * @param stepSeconds the last step's time on the node that runs it; elsewhere the mean of its steps
 * @param preview a small picture of the current estimate (only on the node that runs it), or null
 * @param queue its place in the queue while it waits, or null
 * @param secondsLeft while it runs, the time it is expected to go on, or null
 */
public record RunProgress(
    long runId,
    RunStatus status,
    String stage,
    int step,
    int totalSteps,
    double stepSeconds,
    RgbImage preview,
    QueuePlace queue,
    Double secondsLeft) {

  /** A running run's progress in words: "step 7/20 · 0.12 s · about 10 s left". */
  public String describe() {
    return Durations.progress(stage, step, totalSteps, stepSeconds, secondsLeft);
  }
}
