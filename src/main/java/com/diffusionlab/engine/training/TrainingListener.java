package com.diffusionlab.engine.training;

/** Follows a training run. */
public interface TrainingListener {

  /**
   * A step finished.
   *
   * @param stage {@code vae} or {@code diffusion}
   * @param loss the step's loss
   * @param secondsPerStep the recent average
   * @param remainingSeconds time left in the stage's budget
   */
  void onStep(String stage, long step, double loss, double secondsPerStep, double remainingSeconds);

  /** A notable event: stage start, checkpoint written, resume. */
  void onMessage(String message);
}
