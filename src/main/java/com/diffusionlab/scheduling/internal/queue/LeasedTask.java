package com.diffusionlab.scheduling.internal.queue;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;

/**
 * A db-scheduler task whose handler writes every outcome through its {@link JobLease}: the fenced
 * commit has removed the job's row already (or a newer lease owns it), so db-scheduler's own
 * completion has nothing left to do. A handler that throws leaves the job to {@link BoundedRevive}.
 */
public final class LeasedTask {

  /** Runs one claimed job to its end. */
  @FunctionalInterface
  public interface Handler {
    void run(JobLease lease);
  }

  private static final CompletionHandler<Void> ALREADY_DONE = (complete, operations) -> {};

  private LeasedTask() {}

  public static Task<Void> of(
      String name, Handler handler, BoundedRevive<Void> revive, FencedCompletion completion) {
    return Tasks.custom(name, Void.class)
        .onDeadExecution(revive)
        .onFailure(revive)
        .execute(
            (instance, context) -> {
              handler.run(
                  new JobLease(
                      context.getExecution(), context.getCurrentlyExecuting(), completion));
              return ALREADY_DONE;
            });
  }
}
