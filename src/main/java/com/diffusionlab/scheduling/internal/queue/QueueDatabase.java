package com.diffusionlab.scheduling.internal.queue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * A database of its own for measuring or testing the queue: each node gets its own connection pool
 * on it, as separate JVMs would.
 *
 * @param user null when the URL says it
 * @param sessionSql run on every new connection (PostgreSQL's {@code synchronous_commit}, for
 *     instance), or null
 */
public record QueueDatabase(
    QueueDialect dialect, String jdbcUrl, String user, String password, String sessionSql) {

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

  /**
   * A new, empty database {@code name} on the PostgreSQL server that {@code serverUrl} reaches
   * (dropped first if it exists: never name a database that holds anything), with the application's
   * schema.
   */
  public static QueueDatabase newPostgres(
      String serverUrl, String user, String password, String name) throws SQLException {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "database name '" + name + "' is not allowed: lower-case letters, digits and _");
    }
    try (Connection connection = DriverManager.getConnection(serverUrl, user, password);
        Statement statement = connection.createStatement()) {
      statement.execute("drop database if exists " + name + " with (force)");
      statement.execute("create database " + name);
    }
    return new QueueDatabase(
            QueueDialect.POSTGRESQL, onDatabase(serverUrl, name), user, password, null)
        .migrated();
  }

  /** An in-memory H2 database that lives while the JVM does, with the application's schema. */
  public static QueueDatabase h2(String name) {
    return new QueueDatabase(
            QueueDialect.H2, "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", null, null, null)
        .migrated();
  }

  /** Drops a database that {@link #newPostgres} made. */
  public static void dropPostgres(String serverUrl, String user, String password, String name)
      throws SQLException {
    try (Connection connection = DriverManager.getConnection(serverUrl, user, password);
        Statement statement = connection.createStatement()) {
      statement.execute("drop database if exists " + name + " with (force)");
    }
  }

  /** The same server URL with another database: {@code jdbc:postgresql://host:port/NAME?…}. */
  static String onDatabase(String serverUrl, String name) {
    if (!serverUrl.startsWith("jdbc:postgresql://")) {
      throw new IllegalArgumentException(
          "'" + serverUrl + "' is not allowed: a PostgreSQL JDBC URL, jdbc:postgresql://host/db");
    }
    URI uri = URI.create(serverUrl.substring("jdbc:".length()));
    String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
    String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
    return "jdbc:postgresql://" + uri.getHost() + port + "/" + name + query;
  }

  /** The application's schema, with the queue's table. */
  QueueDatabase migrated() {
    Flyway.configure()
        .dataSource(jdbcUrl, user, password)
        .locations("classpath:db/migration")
        .load()
        .migrate();
    return this;
  }

  /** An empty queue and fair-share clock: nothing queued. */
  public static void emptyQueue(DataSource dataSource) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("delete from " + JobQueue.TABLE);
      statement.execute("delete from fair_share_sessions");
      statement.execute("update fair_share_clock set virtual_micros = 0");
    }
  }

  public QueueDatabase withSessionSql(String sql) {
    return new QueueDatabase(dialect, jdbcUrl, user, password, sql);
  }

  public HikariDataSource pool(String name, int size) {
    HikariConfig config = new HikariConfig();
    config.setPoolName(name);
    config.setJdbcUrl(jdbcUrl);
    if (user != null) {
      config.setUsername(user);
      config.setPassword(password);
    }
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(size);
    if (sessionSql != null) {
      config.setConnectionInitSql(sessionSql);
    }
    return new HikariDataSource(config);
  }
}
