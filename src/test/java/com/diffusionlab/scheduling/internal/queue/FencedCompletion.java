package com.diffusionlab.scheduling.internal.queue;

import com.github.kagkarlsson.scheduler.task.Execution;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Commits a job's outcome and the removal of its queue row in one transaction, only while the row
 * still has the version this worker claimed it with. db-scheduler bumps {@code version} on every
 * claim and every re-queue, so the version is the lease's fencing token: a worker whose lease
 * expired, and whose job was re-queued and claimed again, finds another version and commits
 * nothing. db-scheduler's own completion (deleting or updating the row {@code where version = ?})
 * is fenced the same way, but runs after the task and in a transaction of its own; the job's
 * results must be fenced with it, hence this.
 */
final class FencedCompletion {

  /** Work done in the completing transaction (the job's results). */
  @FunctionalInterface
  interface Outcome {
    void write(Connection connection) throws SQLException;
  }

  private final DataSource dataSource;

  FencedCompletion(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * @return false, with nothing written, if the execution's lease is no longer this one
   */
  boolean commit(Execution execution, Outcome outcome) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        if (!removeRow(connection, execution)) {
          connection.rollback();
          return false;
        }
        outcome.write(connection);
        connection.commit();
        return true;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not complete " + execution.taskInstance, e);
    }
  }

  private static boolean removeRow(Connection connection, Execution execution) throws SQLException {
    try (PreparedStatement delete =
        connection.prepareStatement(
            "delete from scheduled_tasks"
                + " where task_name = ? and task_instance = ? and version = ?")) {
      delete.setString(1, execution.taskInstance.getTaskName());
      delete.setString(2, execution.taskInstance.getId());
      delete.setLong(3, execution.version);
      return delete.executeUpdate() == 1;
    }
  }
}
