package com.diffusionlab.scheduling.internal.queue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Weighted fair queueing on db-scheduler's ordering: start-time fair queueing (Goyal, Vin and
 * Cheng, 1996) gives every job a virtual start tag, {@code max(virtual time, the session's last
 * finish tag)}, and a finish tag, {@code start + cost / weight}; jobs run in start-tag order and
 * the virtual time is the start tag of the job that started last. The tag becomes the job's {@code
 * execution_time}, counted in microseconds from an epoch in the past, so every job is due at once
 * and db-scheduler's {@code ORDER BY execution_time} is the fair order. A session that queues 500
 * jobs gets tags far ahead; another session's single job gets the current virtual time and runs
 * next.
 *
 * <p>The tags are rows shared by every node: a session's last finish tag, locked and advanced in
 * the transaction that queues its job, and the virtual time, advanced as jobs start.
 */
public final class FairShareClock {
  public static final Instant EPOCH = Instant.parse("2000-01-01T00:00:00Z");

  /** The weight of a session whose share nobody raised or lowered. */
  public static final double EQUAL_SHARE = 1;

  private final JdbcTemplate jdbc;
  private final QueueDialect dialect;

  public FairShareClock(JdbcTemplate jdbc, QueueDialect dialect) {
    this.jdbc = jdbc;
    this.dialect = dialect;
  }

  /**
   * The next job's tag, in the caller's transaction (which holds the session's row until it ends).
   *
   * @param cost the job's estimated device-seconds
   * @param weight the session's share (2 gets twice the device time of 1 when both wait)
   * @return the job's {@code execution_time}
   */
  public Instant tag(long sessionId, double weight, double cost) {
    if (!(weight > 0)) {
      throw new IllegalArgumentException("weight=" + weight + ": more than 0");
    }
    long lastFinish = lockSession(sessionId);
    long virtual =
        jdbc.queryForObject("select virtual_micros from fair_share_clock where id = 1", Long.class);
    long start = Math.max(virtual, lastFinish);
    jdbc.update(
        "update fair_share_sessions set last_finish_micros = ? where session_id = ?",
        start + Math.round(Math.max(0, cost) / weight * 1e6),
        sessionId);
    return EPOCH.plus(start, ChronoUnit.MICROS);
  }

  /** Called as a job starts, with its {@code execution_time}: advances the virtual time. */
  public void started(Instant executionTime) {
    long tag = ChronoUnit.MICROS.between(EPOCH, executionTime);
    jdbc.update(
        "update fair_share_clock set virtual_micros = ? where id = 1 and virtual_micros < ?",
        tag,
        tag);
  }

  private long lockSession(long sessionId) {
    // a session's first job makes its row; two first jobs at once must not fail either's
    // transaction (nor take a second connection, which a pool full of waiting submissions lacks)
    List<Long> found = selectForUpdate(sessionId);
    if (found.isEmpty()) {
      dialect.insertUnlessPresent(
          jdbc,
          "insert into fair_share_sessions (session_id, last_finish_micros) values (?, 0)",
          sessionId);
      found = selectForUpdate(sessionId);
    }
    return found.getFirst();
  }

  private List<Long> selectForUpdate(long sessionId) {
    return jdbc.queryForList(
        "select last_finish_micros from fair_share_sessions where session_id = ? for update",
        Long.class,
        sessionId);
  }
}
