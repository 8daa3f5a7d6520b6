package com.diffusionlab.scheduling.internal.queue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * A database the queue lives in: each node gets its own connection pool on it, as separate JVMs
 * would.
 *
 * @param sessionSql run on every new connection (PostgreSQL's {@code synchronous_commit}, for
 *     instance), or null
 */
record QueueDatabase(QueueDialect dialect, String jdbcUrl, String sessionSql) {

  /**
   * A new, empty database on the embedded PostgreSQL server (its own, so that the queue table never
   * meets the application's schema that other tests migrate on the same server).
   */
  static QueueDatabase postgres(EmbeddedPostgres server, String name) throws SQLException {
    try (Connection connection = server.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("drop database if exists " + name + " with (force)");
      statement.execute("create database " + name);
    }
    return new QueueDatabase(QueueDialect.POSTGRESQL, server.getJdbcUrl("postgres", name), null)
        .migrated();
  }

  /** An in-memory H2 database that lives while the JVM does. */
  static QueueDatabase h2(String name) {
    return new QueueDatabase(QueueDialect.H2, "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", null)
        .migrated();
  }

  /** The application's schema, with the queue's table, on a new database. */
  QueueDatabase migrated() {
    Flyway.configure()
        .dataSource(jdbcUrl, null, null)
        .locations("classpath:db/migration")
        .load()
        .migrate();
    return this;
  }

  /** An empty queue and fair-share clock, so that every test starts from nothing queued. */
  static void emptyQueue(DataSource dataSource) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("delete from " + JobQueue.TABLE);
      statement.execute("delete from fair_share_sessions");
      statement.execute("update fair_share_clock set virtual_micros = 0");
    }
  }

  QueueDatabase withSessionSql(String sql) {
    return new QueueDatabase(dialect, jdbcUrl, sql);
  }

  HikariDataSource pool(String name, int size) {
    HikariConfig config = new HikariConfig();
    config.setPoolName(name);
    config.setJdbcUrl(jdbcUrl);
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(size);
    if (sessionSql != null) {
      config.setConnectionInitSql(sessionSql);
    }
    return new HikariDataSource(config);
  }
}
