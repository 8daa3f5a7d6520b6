package com.diffusionlab.scheduling.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/**
 * Running runs' coarse progress in the database ({@code run_progress}), so that every node sees it:
 * each worker writes its runs' rows outside their fenced transactions (on its own, autocommit), and
 * nothing waits on them. The run's own row is not touched: see V14 for why.
 */
@Component
public class RunProgressLog {
  private static final Logger LOG = LoggerFactory.getLogger(RunProgressLog.class);

  /**
   * A run's progress as its worker last wrote it.
   *
   * @param startedAt when this attempt started
   * @param secondsPerStep the mean time of the steps done, null before the first
   */
  public record Entry(
      long runId,
      int attempt,
      String node,
      String stage,
      int step,
      int totalSteps,
      Double secondsPerStep,
      Instant startedAt,
      Instant updatedAt) {}

  private static final RowMapper<Entry> ENTRY =
      (row, index) -> {
        double perStep = row.getDouble("seconds_per_step");
        return new Entry(
            row.getLong("run_id"),
            row.getInt("attempt"),
            row.getString("node"),
            row.getString("stage"),
            row.getInt("step"),
            row.getInt("total_steps"),
            row.wasNull() ? null : perStep,
            row.getTimestamp("started_at").toInstant(),
            row.getTimestamp("updated_at").toInstant());
      };

  private final JdbcTemplate jdbc;

  RunProgressLog(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Writes a run's progress, unless a later attempt (another worker that took the job over) wrote
   * it already. Best effort: a database that is away for a moment costs a progress line, never the
   * run.
   */
  void write(Entry entry) {
    try {
      Object[] values = {
        entry.attempt(),
        entry.node(),
        entry.stage(),
        entry.step(),
        entry.totalSteps(),
        entry.secondsPerStep(),
        Timestamp.from(entry.startedAt()),
        Timestamp.from(entry.updatedAt()),
        entry.runId()
      };
      int updated =
          jdbc.update(
              "update run_progress set attempt = ?, node = ?, stage = ?, step = ?, total_steps = ?,"
                  + " seconds_per_step = ?, started_at = ?, updated_at = ? where run_id = ? and"
                  + " attempt <= ?",
              append(values, entry.attempt()));
      if (updated == 0) {
        insert(values);
      }
    } catch (DataAccessException e) {
      LOG.debug("run {}: progress not written ({})", entry.runId(), e.getMessage());
    }
  }

  private void insert(Object[] values) {
    try {
      jdbc.update(
          "insert into run_progress (attempt, node, stage, step, total_steps, seconds_per_step,"
              + " started_at, updated_at, run_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
          values);
    } catch (DuplicateKeyException e) {
      // a later attempt's row: that worker holds the job now
    }
  }

  private static Object[] append(Object[] values, Object last) {
    Object[] all = Arrays.copyOf(values, values.length + 1);
    all[values.length] = last;
    return all;
  }

  /** The attempt has ended: its row goes (a later attempt's stays). */
  void forget(long runId, int attempt) {
    try {
      jdbc.update("delete from run_progress where run_id = ? and attempt = ?", runId, attempt);
    } catch (DataAccessException e) {
      LOG.debug("run {}: progress not removed ({})", runId, e.getMessage());
    }
  }

  /** The run's progress as last written, if any. */
  public Optional<Entry> find(long runId) {
    return jdbc.query("select * from run_progress where run_id = ?", ENTRY, runId).stream()
        .findFirst();
  }

  /** The progress of these runs, by run id (runs without any are left out). */
  Map<Long, Entry> findAll(List<Long> runIds) {
    Map<Long, Entry> found = new HashMap<>();
    if (runIds.isEmpty()) {
      return found;
    }
    String marks = String.join(", ", Collections.nCopies(runIds.size(), "?"));
    jdbc.query(
            "select * from run_progress where run_id in (" + marks + ")", ENTRY, runIds.toArray())
        .forEach(entry -> found.put(entry.runId(), entry));
    return found;
  }
}
