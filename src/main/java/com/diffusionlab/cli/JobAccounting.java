package com.diffusionlab.cli;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Whether any job was lost under load, from the database itself: every run a submission was
 * accepted for is recorded, no other run appeared in the benchmark's sessions, a run still queued
 * or running has its job in the queue (else no worker would ever take it), an ended one has none,
 * and the runs by status add up to the accepted.
 *
 * @param byStatus the accepted runs by their status in the database
 * @param missing accepted runs the database does not have
 * @param unexpected runs in the benchmark's sessions that no accepted submission made: as many as
 *     submissions got no answer (timed out at the client) are accounted for, the rest are not
 * @param unanswered submissions that got no answer
 * @param waitingWithoutJob runs queued or running with no job in the queue
 * @param endedWithJob runs that ended with their job still in the queue
 */
record JobAccounting(
    int accepted,
    Map<String, Integer> byStatus,
    List<Long> missing,
    List<Long> unexpected,
    int unanswered,
    List<Long> waitingWithoutJob,
    List<Long> endedWithJob) {

  /**
   * Reads the runs of {@code sessions} and the queue's jobs.
   *
   * @param unanswered submissions that got no answer: each may have made a run all the same
   */
  static JobAccounting check(
      DataSource database, Collection<Long> accepted, Collection<Long> sessions, int unanswered) {
    JdbcTemplate jdbc = new JdbcTemplate(database);
    Map<Long, String> status = new HashMap<>();
    Set<Long> queued = new HashSet<>();
    String in = sessions.stream().map(String::valueOf).collect(Collectors.joining(","));
    // one statement, so that a run and its job are read as they were at one moment
    jdbc.query(
        "select r.id, r.status, j.task_instance from runs r left join job_queue j"
            + " on j.task_instance = cast(r.id as varchar(100)) where r.session_id in ("
            + in
            + ")",
        row -> {
          status.put(row.getLong("id"), row.getString("status"));
          if (row.getString("task_instance") != null) {
            queued.add(row.getLong("id"));
          }
        });
    Set<Long> acceptedRuns = Set.copyOf(accepted);
    Map<String, Integer> byStatus = new TreeMap<>();
    acceptedRuns.stream()
        .map(status::get)
        .filter(s -> s != null)
        .forEach(s -> byStatus.merge(s, 1, Integer::sum));
    return new JobAccounting(
        acceptedRuns.size(),
        byStatus,
        acceptedRuns.stream().filter(id -> !status.containsKey(id)).sorted().toList(),
        status.keySet().stream().filter(id -> !acceptedRuns.contains(id)).sorted().toList(),
        unanswered,
        status.entrySet().stream()
            .filter(run -> waiting(run.getValue()) && !queued.contains(run.getKey()))
            .map(Map.Entry::getKey)
            .sorted()
            .toList(),
        status.entrySet().stream()
            .filter(run -> !waiting(run.getValue()) && queued.contains(run.getKey()))
            .map(Map.Entry::getKey)
            .sorted()
            .toList());
  }

  private static boolean waiting(String status) {
    return status.equals("QUEUED") || status.equals("RUNNING");
  }

  /** Whether every accepted job is accounted for. */
  boolean nothingLost() {
    return missing.isEmpty()
        && unexpected.size() <= unanswered
        && waitingWithoutJob.isEmpty()
        && endedWithJob.isEmpty()
        && byStatus.values().stream().mapToInt(Integer::intValue).sum() == accepted;
  }

  /** One line for the report and the progress. */
  String describe() {
    return String.format(
        "%d accepted, in the database: %s; missing %d, not accepted %d (submissions with no"
            + " answer %d), waiting without a job %d, ended with a job %d: %s",
        accepted,
        byStatus.isEmpty() ? "none" : byStatus.toString().replaceAll("[{}]", ""),
        missing.size(),
        unexpected.size(),
        unanswered,
        waitingWithoutJob.size(),
        endedWithJob.size(),
        nothingLost() ? "no job lost" : "JOBS LOST");
  }
}
