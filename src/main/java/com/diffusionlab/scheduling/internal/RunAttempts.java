package com.diffusionlab.scheduling.internal;

import com.diffusionlab.scheduling.internal.queue.BoundedRevive;
import com.diffusionlab.tracking.Run;
import com.diffusionlab.tracking.RunService;
import com.diffusionlab.tracking.RunStatus;
import com.github.kagkarlsson.scheduler.task.Execution;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What a run records when its job's attempt ends without a result (its worker died, or the database
 * failed it): back to QUEUED for the next attempt, or FAILED with the reason after the last. Called
 * in the transaction that changes the job's queue row.
 */
@Component
class RunAttempts implements BoundedRevive.Attempts {

  private final RunService runs;
  private final JobMetrics metrics;

  RunAttempts(RunService runs, JobMetrics metrics) {
    this.runs = runs;
    this.metrics = metrics;
  }

  @Override
  public void retried(Execution execution, int failedAttempt, String cause) {
    long runId = Long.parseLong(execution.taskInstance.getId());
    runs.find(runId)
        .filter(run -> run.status() == RunStatus.RUNNING)
        .ifPresent(run -> runs.requeued(runId, cause));
  }

  @Override
  public void gaveUp(Execution execution, int attempts, String reason) {
    long runId = Long.parseLong(execution.taskInstance.getId());
    runs.find(runId)
        .filter(run -> !run.status().finished())
        .map(Run::id)
        .ifPresent(
            id -> {
              runs.ended(id, RunStatus.FAILED, reason, null);
              afterCommit(() -> metrics.failed(JobMetrics.FailureCause.ATTEMPTS_EXHAUSTED));
            });
  }

  /** Counts only what was written: the transaction that gives a run up may yet roll back. */
  private static void afterCommit(Runnable action) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      action.run();
      return;
    }
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            action.run();
          }
        });
  }
}
