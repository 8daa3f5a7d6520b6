package com.diffusionlab.scheduling.internal.queue;

import com.github.kagkarlsson.scheduler.task.Execution;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes what a job did in the transaction that changes its queue row, only while the row still has
 * the version the worker claimed it with. db-scheduler bumps {@code version} on every claim and
 * every re-queue, so the version is the lease's fencing token: a worker whose lease expired, and
 * whose job was queued and claimed again, finds another version and writes nothing. db-scheduler's
 * own completion is fenced the same way, but runs after the task in a transaction of its own; the
 * job's results must be fenced with it, hence this. The transaction is the application's (JPA), so
 * the outcome may use any repository or service.
 */
public final class FencedCompletion {

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;
  private final String table;

  public FencedCompletion(JdbcTemplate jdbc, TransactionTemplate transactions, String table) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.table = table;
  }

  /**
   * Removes the job from the queue and writes its outcome, in one transaction.
   *
   * @return false, with nothing written, if the execution's lease is no longer this one
   */
  public boolean complete(Execution execution, Runnable outcome) {
    return fenced(
        () ->
            jdbc.update(
                    "delete from "
                        + table
                        + " where task_name = ? and task_instance = ? and version = ?",
                    execution.taskInstance.getTaskName(),
                    execution.taskInstance.getId(),
                    execution.version)
                == 1,
        outcome);
  }

  /**
   * Puts the job back in the queue at {@code due}, unclaimed, with its failed attempts counted, and
   * writes why, in one transaction.
   *
   * @return false, with nothing written, if the execution's lease is no longer this one
   */
  public boolean requeue(Execution execution, int failedAttempts, Instant due, Runnable outcome) {
    return fenced(
        () ->
            jdbc.update(
                    "update "
                        + table
                        + " set picked = false, picked_by = null, last_heartbeat = null,"
                        + " consecutive_failures = ?, last_failure = ?, execution_time = ?,"
                        + " version = version + 1"
                        + " where task_name = ? and task_instance = ? and version = ?",
                    failedAttempts,
                    utc(Instant.now()),
                    utc(due),
                    execution.taskInstance.getTaskName(),
                    execution.taskInstance.getId(),
                    execution.version)
                == 1,
        outcome);
  }

  /**
   * Writes {@code outcome} while the lease holds, keeping the job's row locked until it commits.
   *
   * @return false, with nothing written, if the execution's lease is no longer this one
   */
  public boolean whileHeld(Execution execution, Runnable outcome) {
    return fenced(
        () ->
            !jdbc.queryForList(
                    "select version from "
                        + table
                        + " where task_name = ? and task_instance = ? and version = ? for update",
                    Long.class,
                    execution.taskInstance.getTaskName(),
                    execution.taskInstance.getId(),
                    execution.version)
                .isEmpty(),
        outcome);
  }

  private boolean fenced(java.util.function.BooleanSupplier claim, Runnable outcome) {
    Boolean done =
        transactions.execute(
            status -> {
              if (!claim.getAsBoolean()) {
                status.setRollbackOnly();
                return false;
              }
              outcome.run();
              return true;
            });
    return Boolean.TRUE.equals(done);
  }

  static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
