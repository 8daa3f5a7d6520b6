package com.diffusionlab.governance.internal.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The audit chain on PostgreSQL, as production runs it: the application connects as an ordinary
 * role that owns its database and ran the migrations. That role cannot change or remove audit
 * entries, not even after granting itself the rights back; only a superuser going around the
 * triggers can, and verification names what that broke.
 */
class PostgresAuditChainIT extends AuditChainContract {
  private static final String APP_ROLE = "dlab_app";
  private static final AtomicInteger DATABASES = new AtomicInteger();

  private static EmbeddedPostgres server;
  private String database;

  @BeforeAll
  static void server() throws Exception {
    server = EmbeddedPostgres.builder().start();
    superuser("postgres", "create role " + APP_ROLE + " login nosuperuser");
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Override
  DataSource freshDatabase() throws SQLException {
    database = "audit_" + DATABASES.incrementAndGet();
    superuser("postgres", "create database " + database + " owner " + APP_ROLE);
    DataSource app = server.getDatabase(APP_ROLE, database);
    Flyway.configure()
        .dataSource(app)
        .locations("classpath:db/migration", "classpath:db/vendor/postgresql")
        .load()
        .migrate();
    return app;
  }

  /** As the server's superuser, with triggers off (as replication applies rows). */
  @Override
  void tamper(String sql) {
    try {
      superuser(database, "set session_replication_role = replica; " + sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void superuser(String database, String sql) throws SQLException {
    try (Connection connection = server.getDatabase("postgres", database).getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  @Test
  void theApplicationsRoleCannotChangeOrRemoveEntries() throws Exception {
    JdbcTemplate app = new JdbcTemplate(freshDatabaseWithOneEntry());

    assertThatThrownBy(() -> app.update("update audit_log set detail = 'x' where seq = 1"))
        .rootCause()
        .hasMessageContaining("permission denied for table audit_log");
    assertThatThrownBy(() -> app.update("delete from audit_log where seq = 1"))
        .rootCause()
        .hasMessageContaining("permission denied for table audit_log");
    assertThatThrownBy(() -> app.execute("truncate audit_log"))
        .rootCause()
        .hasMessageContaining("permission denied for table audit_log");
    assertThat(app.queryForObject("select count(*) from audit_log", Long.class)).isEqualTo(1);
  }

  @Test
  void theTriggersHoldEvenWhenTheOwnerGrantsItselfTheRightsBack() throws Exception {
    JdbcTemplate app = new JdbcTemplate(freshDatabaseWithOneEntry());
    app.execute("grant update, delete, truncate on audit_log to " + APP_ROLE);

    assertThatThrownBy(() -> app.update("update audit_log set detail = 'x' where seq = 1"))
        .rootCause()
        .hasMessageContaining("audit_log is append-only: UPDATE refused");
    assertThatThrownBy(() -> app.update("delete from audit_log where seq = 1"))
        .rootCause()
        .hasMessageContaining("audit_log is append-only: DELETE refused");
    assertThatThrownBy(() -> app.execute("truncate audit_log"))
        .rootCause()
        .hasMessageContaining("audit_log is append-only: TRUNCATE refused");
  }

  private DataSource freshDatabaseWithOneEntry() throws SQLException {
    DataSource app = freshDatabase();
    new JdbcTemplate(app)
        .update(
            "insert into audit_log values (1, now(), 'alice', '', 'user.add', 'user bob',"
                + " 'SUCCEEDED', '', ?, ?)",
            AuditHashes.GENESIS,
            AuditHashes.GENESIS);
    return app;
  }
}
