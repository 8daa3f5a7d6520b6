package com.diffusionlab.scheduling.internal.queue;

import com.github.kagkarlsson.scheduler.jdbc.JdbcCustomization;
import com.github.kagkarlsson.scheduler.jdbc.PostgreSqlJdbcCustomization;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The databases the job queue runs on: db-scheduler's {@code scheduled_tasks} table for each (to
 * become a Flyway migration) and how db-scheduler talks to it.
 */
enum QueueDialect {
  /**
   * db-scheduler's documented table for PostgreSQL (its {@code postgresql_tables.sql} at 16.7.1,
   * including the opt-in {@code priority} column and its index).
   */
  POSTGRESQL(
      """
      create table scheduled_tasks (
        task_name text not null,
        task_instance text not null,
        task_data bytea,
        execution_time timestamp with time zone not null,
        picked boolean not null,
        picked_by text,
        last_success timestamp with time zone,
        last_failure timestamp with time zone,
        consecutive_failures int,
        last_heartbeat timestamp with time zone,
        version bigint not null,
        priority smallint,
        primary key (task_name, task_instance)
      )""") {
    @Override
    JdbcCustomization customization() {
      // what db-scheduler's autodetection picks for PostgreSQL: single-statement lock-and-fetch
      return new PostgreSqlJdbcCustomization(false, false);
    }
  },
  /**
   * db-scheduler documents no H2 table; this is its HSQLDB table ({@code hsql_tables.sql}) with
   * PostgreSQL's NOT NULLs and H2's boolean type.
   */
  H2(
      """
      create table scheduled_tasks (
        task_name varchar(100) not null,
        task_instance varchar(100) not null,
        task_data blob,
        execution_time timestamp with time zone not null,
        picked boolean not null,
        picked_by varchar(50),
        last_success timestamp with time zone,
        last_failure timestamp with time zone,
        consecutive_failures int,
        last_heartbeat timestamp with time zone,
        version bigint not null,
        priority smallint,
        primary key (task_name, task_instance)
      )""") {
    @Override
    JdbcCustomization customization() {
      return new H2JdbcCustomization();
    }
  };

  /** The same indexes on both, as db-scheduler's PostgreSQL script has them. */
  private static final String[] INDEXES = {
    "create index execution_time_idx on scheduled_tasks (execution_time)",
    "create index last_heartbeat_idx on scheduled_tasks (last_heartbeat)",
    "create index priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc)"
  };

  private final String table;

  QueueDialect(String table) {
    this.table = table;
  }

  abstract JdbcCustomization customization();

  /** Drops and creates the queue table, so that every test starts from an empty queue. */
  void recreateTable(DataSource dataSource) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("drop table if exists scheduled_tasks");
      statement.execute(table);
      for (String index : INDEXES) {
        statement.execute(index);
      }
    }
  }
}
