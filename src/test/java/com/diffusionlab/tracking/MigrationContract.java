package com.diffusionlab.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Array;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Data written under the first schema survives the migrations of issue 12 on each database: runs
 * join experiment memberships, joined step times and warnings become arrays, and experiment names
 * become unique per owner (a clash is renamed, not lost). Issue 13's user management keeps every
 * user: usernames become unique without case, and names that differed only in case keep working.
 * Issue 14's admission gives each user one default session and the ledger one line per run.
 */
abstract class MigrationContract {

  abstract DataSource dataSource();

  private Flyway flyway(String target) {
    return Flyway.configure()
        .dataSource(dataSource())
        .locations("classpath:db/migration")
        .target(target)
        .load();
  }

  @Test
  void runsAndExperimentsOfTheFirstSchemaSurviveTheMigration() throws Exception {
    flyway("1").migrate();
    JdbcTemplate jdbc = new JdbcTemplate(dataSource());
    Timestamp now = Timestamp.from(Instant.parse("2026-11-30T10:00:00Z"));
    jdbc.update(
        "insert into users (id, username, password_hash, role, created_at)"
            + " values (1, 'alice', 'x', 'RESEARCHER', ?)",
        now);
    jdbc.update(
        "insert into users (id, username, password_hash, role, created_at)"
            + " values (3, 'ALICE', 'y', 'VIEWER', ?)",
        now);
    for (long session : List.of(1L, 2L)) {
      jdbc.update(
          "insert into playground_sessions (id, owner_id, name, budget_device_seconds,"
              + " max_concurrent_jobs, max_pixels, max_steps, max_batch, created_at)"
              + " values (?, 1, 's', 100, 1, 4096, 50, 1, ?)",
          session,
          now);
      jdbc.update(
          "insert into experiments (id, session_id, name, created_by, created_at)"
              + " values (?, ?, 'sweep', 1, ?)",
          session,
          session,
          now);
    }
    insertRun(jdbc, 1, 2, "0.5000,0.2500", "low memory\nslow", now);
    insertRun(jdbc, 2, 1, null, null, now);

    flyway("latest").migrate();

    assertThat(doubles(jdbc, "select step_durations from runs where id = 1"))
        .containsExactly(0.5, 0.25);
    assertThat(strings(jdbc, "select warning_messages from runs where id = 1"))
        .containsExactly("low memory", "slow");
    assertThat(jdbc.queryForObject("select step_durations from runs where id = 2", Object.class))
        .isNull();
    assertThat(
            jdbc.queryForList(
                "select experiment_id from experiment_runs order by run_id", Long.class))
        .containsExactly(2L, 1L);
    assertThat(jdbc.queryForList("select name from experiments order by id", String.class))
        .containsExactly("sweep", "sweep (session 2)");
    assertThat(jdbc.queryForObject("select owner_id from experiments where id = 2", Long.class))
        .isEqualTo(1L);
    assertThatThrownBy(() -> insertExperiment(jdbc, 10, 1, 1, "sweep", now))
        .as("names are unique per owner")
        .isInstanceOf(DataIntegrityViolationException.class);
    assertThat(
            jdbc.queryForList(
                "select username_key || ' ' || theme || ' '"
                    + " || case when must_change_password then 'one-time' else 'own' end"
                    + " from users order by id",
                String.class))
        .as("the later of two names that differ only in case keeps a key of its own")
        .containsExactly("alice LIGHT own", "alice#3 LIGHT own");
    jdbc.update(
        "insert into users (id, username, username_key, password_hash, role, created_at)"
            + " values (2, 'bob', 'bob', 'x', 'RESEARCHER', ?)",
        now);
    assertThatThrownBy(
            () ->
                jdbc.update(
                    "insert into users (id, username, username_key, password_hash, role,"
                        + " created_at) values (4, 'Bob', 'bob', 'x', 'VIEWER', ?)",
                    now))
        .as("usernames are unique without case")
        .isInstanceOf(DataIntegrityViolationException.class);
    insertExperiment(jdbc, 11, 2, 1, "sweep", now);
    assertThat(jdbc.queryForObject("select count(*) from experiments", Long.class))
        .as("another owner may use the name in the same session")
        .isEqualTo(3L);
  }

  /**
   * Issue 14's admission (V12) on data of the first schema: of a user's several "My playground"s
   * (parallel first submissions made them) the first becomes their one default; a run charged twice
   * keeps one ledger line with the sum; queued and running runs reserve their estimates.
   */
  @Test
  void sessionsAndTheLedgerGainDefaultsAndReservations() throws Exception {
    Flyway flyway =
        Flyway.configure()
            .dataSource(dataSource())
            .locations("classpath:db/migration")
            .cleanDisabled(false)
            .load();
    // this database may hold another test's schema: start from nothing and leave nothing
    flyway.clean();
    try {
      flyway("1").migrate();
      JdbcTemplate jdbc = new JdbcTemplate(dataSource());
      Timestamp now = Timestamp.from(Instant.parse("2026-11-30T10:00:00Z"));
      jdbc.update(
          "insert into users (id, username, password_hash, role, created_at)"
              + " values (1, 'alice', 'x', 'RESEARCHER', ?)",
          now);
      for (long session = 1; session <= 4; session++) {
        jdbc.update(
            "insert into playground_sessions (id, owner_id, name, budget_device_seconds,"
                + " max_concurrent_jobs, max_pixels, max_steps, max_batch, created_at)"
                + " values (?, 1, ?, 100, 1, 4096, 50, 1, ?)",
            session,
            session == 2 ? "team" : "My playground",
            now);
      }
      jdbc.update(
          "insert into experiments (id, session_id, name, created_by, created_at)"
              + " values (1, 1, 'default', 1, ?)",
          now);
      insertRun(jdbc, 1, 1, null, null, now);
      for (long id : List.of(2L, 3L)) {
        insertRun(jdbc, id, 1, null, null, now);
        jdbc.update(
            "update runs set status = ?, estimate_seconds = ? where id = ?",
            id == 2 ? "QUEUED" : "RUNNING",
            id == 2 ? 4.5 : null,
            id);
      }
      for (double seconds : List.of(1.0, 2.0)) {
        jdbc.update(
            "insert into usage_ledger (session_id, run_id, device_seconds, cost, recorded_at)"
                + " values (1, 1, ?, 0.5, ?)",
            seconds,
            now);
      }

      flyway("latest").migrate();

      assertThat(
              jdbc.queryForList(
                  "select id from playground_sessions where default_for = 1", Long.class))
          .as("the first of the duplicates is the default")
          .containsExactly(1L);
      assertThat(
              jdbc.queryForList("select distinct priority from playground_sessions", Integer.class))
          .containsExactly(1);
      assertThatThrownBy(
              () -> jdbc.update("update playground_sessions set default_for = 1 where id = 3"))
          .as("one default per owner")
          .isInstanceOf(DataIntegrityViolationException.class);
      assertThat(
              jdbc.query(
                  "select run_id, device_seconds, cost, reserved_device_seconds, settled_at"
                      + " from usage_ledger order by run_id",
                  (row, i) ->
                      String.format(
                          Locale.ROOT,
                          "run %d: used %.1f, cost %.1f, reserved %.1f, %s",
                          row.getLong(1),
                          row.getDouble(2),
                          row.getDouble(3),
                          row.getDouble(4),
                          row.getTimestamp(5) == null ? "open" : "settled")))
          .containsExactly(
              "run 1: used 3.0, cost 1.0, reserved 0.0, settled",
              "run 2: used 0.0, cost 0.0, reserved 4.5, open",
              "run 3: used 0.0, cost 0.0, reserved 0.0, open");
      assertThatThrownBy(
              () ->
                  jdbc.update(
                      "insert into usage_ledger (session_id, run_id, device_seconds, cost,"
                          + " recorded_at) values (1, 1, 1, 1, ?)",
                      now))
          .as("one line per run")
          .isInstanceOf(DataIntegrityViolationException.class);
    } finally {
      flyway.clean();
    }
  }

  /**
   * Issue 15's model governance (V21): the versions of an upgraded workspace were usable, so they
   * stay so, approved by {@code (system)} (V22 renamed V21's {@code system}, a name a user may
   * have) with the reason in their history; one that was not approved is a draft; a session is no
   * sandbox unless an administrator makes it one.
   */
  @Test
  void modelVersionsOfAnUpgradedWorkspaceStayApproved() {
    Flyway flyway =
        Flyway.configure()
            .dataSource(dataSource())
            .locations("classpath:db/migration")
            .cleanDisabled(false)
            .load();
    flyway.clean();
    try {
      // the last migration before issue 15 (the helpers of issue 15 add V16 to V21)
      flyway("15").migrate();
      JdbcTemplate jdbc = new JdbcTemplate(dataSource());
      Timestamp now = Timestamp.from(Instant.parse("2026-12-01T10:00:00Z"));
      jdbc.update(
          "insert into users (id, username, username_key, password_hash, role, created_at)"
              + " values (1, 'alice', 'alice', 'x', 'ADMIN', ?)",
          now);
      jdbc.update(
          "insert into playground_sessions (id, owner_id, name, budget_device_seconds,"
              + " max_concurrent_jobs, max_pixels, max_steps, max_batch, created_at)"
              + " values (1, 1, 'team', 100, 1, 4096, 50, 1, ?)",
          now);
      for (long id = 1; id <= 2; id++) {
        jdbc.update(
            "insert into model_versions (id, name, path, content_hash, status, approved,"
                + " registered_at, last_seen_at) values (?, ?, ?, ?, 'AVAILABLE', ?, ?, ?)",
            id,
            "m" + id,
            "/srv/models/m" + id,
            String.valueOf(id).repeat(64),
            id == 1,
            now,
            now);
      }

      flyway("21").migrate();
      // an administrator whose username is system retires the version before V22
      jdbc.update(
          "insert into model_approval_changes (model_version_id, from_status, to_status, actor,"
              + " reason, changed_at) values (1, 'APPROVED', 'RETIRED', 'system', 'old', ?)",
          now);

      flyway("latest").migrate();

      assertThat(
              jdbc.queryForList(
                  "select name || ' ' || approval from model_versions order by id", String.class))
          .containsExactly("m1 APPROVED", "m2 DRAFT");
      assertThat(
              jdbc.queryForList(
                  "select model_version_id || ' ' || coalesce(from_status, '-') || ' '"
                      + " || to_status || ' ' || actor from model_approval_changes order by id",
                  String.class))
          .containsExactly("1 - APPROVED (system)", "1 APPROVED RETIRED system");
      assertThat(
              jdbc.queryForObject(
                  "select reason from model_approval_changes where from_status is null",
                  String.class))
          .contains("upgrade");
      assertThat(
              jdbc.queryForObject(
                  "select drafts_allowed from playground_sessions where id = 1", Boolean.class))
          .isFalse();
    } finally {
      flyway.clean();
    }
  }

  private static void insertExperiment(
      JdbcTemplate jdbc, long id, long owner, long session, String name, Timestamp now) {
    jdbc.update(
        "insert into experiments (id, session_id, name, created_by, owner_id, created_at,"
            + " updated_at) values (?, ?, ?, ?, ?, ?, ?)",
        id,
        session,
        name,
        owner,
        owner,
        now,
        now);
  }

  private static void insertRun(
      JdbcTemplate jdbc, long id, long experiment, String steps, String warnings, Timestamp now) {
    jdbc.update(
        "insert into runs (id, session_id, experiment_id, user_id, status, prompt, negative_prompt,"
            + " model_name, model_hash, sampler, schedule, eta, steps, cfg, width, height, batch,"
            + " seed, rng, clip_skip, created_at, step_seconds, warnings)"
            + " values (?, 1, ?, 1, 'SUCCEEDED', 'p', '', 'm', ?, 'euler', 'normal', 0, 2, 7, 64,"
            + " 64, 1, 1, 'philox', 1, ?, ?, ?)",
        id,
        experiment,
        "0".repeat(64),
        now,
        steps,
        warnings);
  }

  private static List<Double> doubles(JdbcTemplate jdbc, String sql) {
    return Arrays.stream(array(jdbc, sql)).map(v -> ((Number) v).doubleValue()).toList();
  }

  private static List<String> strings(JdbcTemplate jdbc, String sql) {
    return Arrays.stream(array(jdbc, sql)).map(String::valueOf).toList();
  }

  private static Object[] array(JdbcTemplate jdbc, String sql) {
    return jdbc.query(
        sql,
        rows -> {
          rows.next();
          Array array = rows.getArray(1);
          return (Object[]) array.getArray();
        });
  }
}
