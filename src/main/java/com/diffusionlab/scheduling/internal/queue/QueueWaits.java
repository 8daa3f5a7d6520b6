package com.diffusionlab.scheduling.internal.queue;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Why waiting jobs wait when waiting does not help: a job that asks for a device class that no
 * responding worker runs jobs on (the nodes' rows in {@code workspace_nodes}, renewed by their
 * heartbeats) is not claimed until one does, and says so instead of waiting silently.
 */
public final class QueueWaits {

  private final JdbcTemplate jdbc;

  public QueueWaits(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Waiting jobs that ask for a device class no worker heard from since {@code aliveSince} runs
   * jobs on, counted by class.
   */
  public Map<String, Long> unserved(Instant aliveSince) {
    Map<String, Long> counts = new TreeMap<>();
    jdbc.query(
        "select q.device_class, count(*) from "
            + JobQueue.TABLE
            + " q where q.task_name = ? and q.picked = false and q.device_class is not null"
            + " and not exists (select 1 from workspace_nodes n where n.runs_jobs = true"
            + " and n.device_class = q.device_class and n.heartbeat_at >= ?)"
            + " group by q.device_class",
        row -> {
          counts.put(row.getString(1), row.getLong(2));
        },
        JobQueue.GENERATE.getTaskName(),
        Timestamp.from(aliveSince));
    return counts;
  }

  /** Whether a worker heard from since {@code aliveSince} runs jobs on {@code deviceClass}. */
  public boolean served(String deviceClass, Instant aliveSince) {
    return jdbc.queryForObject(
            "select count(*) from workspace_nodes where runs_jobs = true and device_class = ?"
                + " and heartbeat_at >= ?",
            Long.class,
            deviceClass,
            Timestamp.from(aliveSince))
        > 0;
  }

  /** Why a job asking for {@code deviceClass} waits while no responding worker serves it. */
  public static String reason(String deviceClass) {
    return "waiting for a "
        + deviceClass
        + " worker: no responding node runs jobs on a "
        + deviceClass
        + " (a replay runs on its original's device class, a generation on the one it asked"
        + " for); it runs once one does";
  }
}
