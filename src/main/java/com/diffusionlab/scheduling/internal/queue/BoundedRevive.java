package com.diffusionlab.scheduling.internal.queue;

import com.github.kagkarlsson.scheduler.task.DeadExecutionHandler;
import com.github.kagkarlsson.scheduler.task.Execution;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to a job whose worker stopped heartbeating, or whose attempt ended in an error that
 * was not the job's own (the database went away while it committed): it goes back into the queue at
 * its old place (its {@code execution_time}, which carries its fair-share tag; db-scheduler's own
 * {@code ReviveDeadExecution} would put it at now, behind every queued job), with the attempt
 * counted in {@code consecutive_failures}; after {@code maxAttempts} it is given up with the
 * reason. Either way fenced, with what the application records about it in the same transaction.
 */
public final class BoundedRevive<T> implements DeadExecutionHandler<T>, FailureHandler<T> {
  private static final Logger LOG = LoggerFactory.getLogger(BoundedRevive.class);

  /** What the application records, in the transaction that changes the job's row. */
  public interface Attempts {
    /** The job goes back to the queue after its {@code failedAttempt}-th attempt. */
    void retried(Execution execution, int failedAttempt, String cause);

    /** The job is given up for good after {@code attempts} attempts. */
    void gaveUp(Execution execution, int attempts, String reason);
  }

  private final int maxAttempts;
  private final FencedCompletion completion;
  private final Attempts attempts;

  public BoundedRevive(int maxAttempts, FencedCompletion completion, Attempts attempts) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts=" + maxAttempts + ": at least 1");
    }
    this.maxAttempts = maxAttempts;
    this.completion = completion;
    this.attempts = attempts;
  }

  @Override
  public void deadExecution(ExecutionComplete complete, ExecutionOperations<T> operations) {
    died(complete.getExecution());
  }

  /**
   * Handles a job whose worker died; also called for this node's own jobs that its previous run
   * left claimed.
   */
  public void died(Execution execution) {
    retryOrGiveUp(
        execution,
        "the worker "
            + execution.pickedBy
            + " stopped renewing its lease (it stopped, or lost the database)",
        "the workers running it stopped renewing their lease");
  }

  @Override
  public void onFailure(ExecutionComplete complete, ExecutionOperations<T> operations) {
    String cause =
        complete
            .getCause()
            .map(e -> e.getMessage() == null ? e.toString() : e.getMessage())
            .orElse("unknown error");
    retryOrGiveUp(
        complete.getExecution(),
        "its attempt on " + complete.getExecution().pickedBy + " failed: " + cause,
        "its attempts failed, the last with: " + cause);
  }

  private void retryOrGiveUp(Execution execution, String cause, String gaveUpBecause) {
    int attempt = execution.consecutiveFailures + 1;
    boolean written;
    if (attempt < maxAttempts) {
      written =
          completion.requeue(
              execution,
              attempt,
              execution.executionTime,
              () ->
                  attempts.retried(
                      execution,
                      attempt,
                      cause
                          + "; queued again (attempt "
                          + (attempt + 1)
                          + " of "
                          + maxAttempts
                          + ")"));
    } else {
      String reason = gaveUpBecause + " " + attempt + " times; gave up";
      written = completion.complete(execution, () -> attempts.gaveUp(execution, attempt, reason));
    }
    if (!written) {
      LOG.info("job {} was taken over by another node meanwhile", execution.taskInstance);
    }
  }
}
