package com.diffusionlab.scheduling.internal.queue;

import com.github.kagkarlsson.scheduler.jdbc.JdbcCustomization;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The databases the job queue runs on and how db-scheduler talks to each. The table itself is
 * Flyway's ({@code V11__durable_job_queue.sql}, one script for both).
 */
public enum QueueDialect {
  /** db-scheduler's own choice for PostgreSQL: lock-and-fetch in one statement. */
  POSTGRESQL {
    @Override
    public JdbcCustomization customization(ClaimPolicy policy) {
      return new PostgresJdbcCustomization(policy);
    }

    @Override
    public void insertUnlessPresent(JdbcTemplate jdbc, String insert, Object... arguments) {
      // waits for a concurrent insert of the same key to end, then does nothing
      jdbc.update(insert + " on conflict do nothing", arguments);
    }

    @Override
    public String workerSessionSql() {
      // claims and heartbeats need not wait for the disk: a claim lost in a crash of the database
      // is claimed again, and a job's result commits with the removal of its row on the
      // application's own (synchronous) connections
      return "set synchronous_commit = off";
    }
  },
  /** H2 2.x, which db-scheduler does not know: see {@link H2JdbcCustomization}. */
  H2 {
    @Override
    public JdbcCustomization customization(ClaimPolicy policy) {
      return new H2JdbcCustomization(policy);
    }

    @Override
    public void insertUnlessPresent(JdbcTemplate jdbc, String insert, Object... arguments) {
      try {
        jdbc.update(insert, arguments);
      } catch (DuplicateKeyException present) {
        // H2 undoes the failed statement only: the transaction goes on
      }
    }

    @Override
    public String workerSessionSql() {
      return null;
    }
  };

  /** How db-scheduler talks to this database, claiming what {@code policy} says in its order. */
  public abstract JdbcCustomization customization(ClaimPolicy policy);

  /** How db-scheduler talks to this database, claiming every job in fair-share order. */
  public JdbcCustomization customization() {
    return customization(ClaimPolicy.ANY);
  }

  /**
   * Runs {@code insert} (one row) in the caller's transaction unless a row with its key exists,
   * without failing the transaction when another one inserts the same key at the same time.
   */
  public abstract void insertUnlessPresent(JdbcTemplate jdbc, String insert, Object... arguments);

  /** Run on each connection a worker claims and heartbeats with; null for none. */
  public abstract String workerSessionSql();

  /**
   * @throws IllegalStateException for a database the queue does not run on
   */
  public static QueueDialect of(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection()) {
      String product = connection.getMetaData().getDatabaseProductName();
      return switch (product) {
        case "PostgreSQL" -> POSTGRESQL;
        case "H2" -> H2;
        default ->
            throw new IllegalStateException(
                "the job queue runs on PostgreSQL or H2, not on " + product);
      };
    } catch (SQLException e) {
      throw new IllegalStateException("cannot reach the database of the job queue", e);
    }
  }
}
