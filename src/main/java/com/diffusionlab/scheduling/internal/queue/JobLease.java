package com.diffusionlab.scheduling.internal.queue;

import com.github.kagkarlsson.scheduler.CurrentlyExecuting;
import com.github.kagkarlsson.scheduler.task.Execution;
import java.time.Instant;

/**
 * A worker's claim on one job: which attempt it is, whether it still holds, and the only way to
 * write what the job did (fenced by the claim's version).
 */
public final class JobLease {

  private final Execution execution;
  private final CurrentlyExecuting current;
  private final FencedCompletion completion;

  JobLease(Execution execution, CurrentlyExecuting current, FencedCompletion completion) {
    this.execution = execution;
    this.current = current;
    this.completion = completion;
  }

  public long runId() {
    return Long.parseLong(execution.taskInstance.getId());
  }

  /** 1 for the first attempt; each dead worker or failed attempt before this one adds one. */
  public int attempt() {
    return execution.consecutiveFailures + 1;
  }

  /** The job's place in the queue (its fair-share tag). */
  public Instant tag() {
    return execution.executionTime;
  }

  /**
   * True once this worker has not renewed the lease for as long as other nodes wait before they
   * take the job over: whatever it does now will be refused.
   */
  public boolean lost() {
    return current.getHeartbeatState().getFractionDead() >= 1.0;
  }

  /**
   * Removes the job from the queue and writes its outcome, in one transaction.
   *
   * @return false, with nothing written, when the lease was lost
   */
  public boolean complete(Runnable outcome) {
    return completion.complete(execution, outcome);
  }

  /**
   * Writes {@code outcome} while the lease holds.
   *
   * @return false, with nothing written, when the lease was lost
   */
  public boolean whileHeld(Runnable outcome) {
    return completion.whileHeld(execution, outcome);
  }

  @Override
  public String toString() {
    return execution.taskInstance + " attempt " + attempt() + " version " + execution.version;
  }
}
