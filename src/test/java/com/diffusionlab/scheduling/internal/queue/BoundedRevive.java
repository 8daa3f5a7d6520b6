package com.diffusionlab.scheduling.internal.queue;

import com.github.kagkarlsson.scheduler.task.DeadExecutionHandler;
import com.github.kagkarlsson.scheduler.task.Execution;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * What happens to a job whose worker stopped heartbeating: it goes back into the queue at its old
 * place (its {@code execution_time}, which carries its fair-share tag; db-scheduler's own {@code
 * ReviveDeadExecution} would put it at now, behind every queued job), and db-scheduler counts the
 * death in {@code consecutive_failures}, the attempt counter; after {@code maxAttempts} the job is
 * given up with the reason, fenced like any completion.
 */
final class BoundedRevive<T> implements DeadExecutionHandler<T> {

  /** Records a job as failed, in the transaction that removes it from the queue. */
  @FunctionalInterface
  interface GiveUp {
    void failed(Connection connection, Execution execution, String reason) throws SQLException;
  }

  private final int maxAttempts;
  private final FencedCompletion completion;
  private final GiveUp giveUp;

  BoundedRevive(int maxAttempts, FencedCompletion completion, GiveUp giveUp) {
    this.maxAttempts = maxAttempts;
    this.completion = completion;
    this.giveUp = giveUp;
  }

  @Override
  public void deadExecution(ExecutionComplete complete, ExecutionOperations<T> operations) {
    Execution execution = complete.getExecution();
    int attempts = execution.consecutiveFailures + 1;
    if (attempts < maxAttempts) {
      operations.reschedule(complete, execution.executionTime);
      return;
    }
    String reason = "the worker running it stopped responding " + attempts + " times; gave up";
    completion.commit(execution, connection -> giveUp.failed(connection, execution, reason));
  }
}
