package com.diffusionlab.scheduling.internal.queue;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The durable queue of generation jobs: db-scheduler's table, one row per queued or running run,
 * keyed by the run's id. Jobs are queued in the caller's transaction (the one that records the
 * run), so that a run is queued if and only if it is recorded.
 */
public final class JobQueue {
  public static final String TABLE = "job_queue";
  public static final TaskDescriptor<Void> GENERATE = TaskDescriptor.of("generate");

  /** Where a run's job is. */
  public enum Place {
    /** not in the queue (finished, or never queued) */
    NONE,
    /** waiting for a worker */
    WAITING,
    /** claimed by a worker, which runs it or is about to */
    CLAIMED
  }

  private final SchedulerClient client;
  private final JdbcTemplate jdbc;
  private final FairShareClock fairShare;
  private final QueueWorker worker;

  /**
   * @param client schedules on the application's transactions (a {@code
   *     TransactionAwareDataSourceProxy} around its data source)
   */
  public JobQueue(
      SchedulerClient client, JdbcTemplate jdbc, FairShareClock fairShare, QueueWorker worker) {
    this.client = client;
    this.jdbc = jdbc;
    this.fairShare = fairShare;
    this.worker = worker;
  }

  /**
   * What a job asks of the worker that runs it.
   *
   * @param deviceClass the class of device it must run on ({@code cpu}, {@code gpu}), or null for
   *     any
   * @param modelHash the content hash of its model, which workers that hold it loaded prefer
   */
  public record JobNeeds(String deviceClass, String modelHash) {
    /** Any device, for a model. */
    public static JobNeeds anyDevice(String modelHash) {
      return new JobNeeds(null, modelHash);
    }
  }

  /** A job that no worker has claimed yet, and what it needs. */
  public record WaitingJob(long runId, String deviceClass, String modelHash) {}

  /**
   * Queues a run's job at its fair-share place, in the caller's transaction; once that commits,
   * this node's worker (if it runs jobs) looks for it at once.
   *
   * @param deviceSeconds the job's estimated cost
   * @param weight the session's share of the devices
   */
  public void enqueue(
      long runId, long sessionId, double deviceSeconds, double weight, JobNeeds needs) {
    String instance = Long.toString(runId);
    if (!client.scheduleIfNotExists(
        GENERATE.instance(instance).scheduledTo(fairShare.tag(sessionId, weight, deviceSeconds)))) {
      throw new IllegalStateException("run " + runId + " has a job in the queue already");
    }
    // db-scheduler writes its own columns only; the same transaction adds ours before any worker
    // can see the row: what the job asks of a worker, and how long it is expected to hold a slot
    // (for the queue's forecast)
    jdbc.update(
        "update "
            + TABLE
            + " set device_class = ?, model_hash = ?, expected_seconds = ?"
            + " where task_name = ? and task_instance = ?",
        needs.deviceClass(),
        needs.modelHash(),
        Math.max(0, deviceSeconds),
        GENERATE.getTaskName(),
        instance);
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              worker.wake();
            }
          });
    } else {
      worker.wake();
    }
  }

  /**
   * Where the run's job is, its row locked until the caller's transaction ends: a worker cannot
   * claim it meanwhile, and one that claimed it cannot complete it.
   */
  public Place lock(long runId) {
    List<Boolean> picked =
        jdbc.queryForList(
            "select picked from " + TABLE + " where task_name = ? and task_instance = ? for update",
            Boolean.class,
            GENERATE.getTaskName(),
            Long.toString(runId));
    if (picked.isEmpty()) {
      return Place.NONE;
    }
    return picked.getFirst() ? Place.CLAIMED : Place.WAITING;
  }

  /** Takes a waiting job out of the queue, in the caller's transaction. */
  public void remove(long runId) {
    jdbc.update(
        "delete from " + TABLE + " where task_name = ? and task_instance = ? and picked = false",
        GENERATE.getTaskName(),
        Long.toString(runId));
  }

  /** The runs each node works on now: its claimed jobs, by node name. */
  public Map<String, List<Long>> claims() {
    Map<String, List<Long>> claims = new TreeMap<>();
    jdbc.query(
        "select picked_by, task_instance from "
            + TABLE
            + " where task_name = ? and picked = true order by task_instance",
        row -> {
          claims
              .computeIfAbsent(row.getString(1), node -> new ArrayList<>())
              .add(Long.parseLong(row.getString(2)));
        },
        GENERATE.getTaskName());
    return claims;
  }

  /**
   * A generation job as the queue holds it.
   *
   * @param priority db-scheduler's priority, 0 when unset
   * @param tag its {@code execution_time}, the fair-share tag
   * @param pickedBy the node that claimed it, or null while it waits
   * @param expectedSeconds how long it is expected to hold a device slot
   */
  public record Job(
      long runId, int priority, Instant tag, String pickedBy, double expectedSeconds) {
    public boolean claimed() {
      return pickedBy != null;
    }
  }

  /** Every generation job, waiting or claimed. */
  public List<Job> jobs() {
    return jdbc.query(
        "select task_instance, priority, execution_time, picked, picked_by, expected_seconds from "
            + TABLE
            + " where task_name = ?",
        (row, index) ->
            new Job(
                Long.parseLong(row.getString("task_instance")),
                row.getInt("priority"),
                row.getTimestamp("execution_time").toInstant(),
                row.getBoolean("picked")
                    ? Objects.requireNonNullElse(row.getString("picked_by"), "")
                    : null,
                row.getDouble("expected_seconds")),
        GENERATE.getTaskName());
  }

  /**
   * Jobs counted by the device class they ask for ({@link #ANY_DEVICE} for none) and whether a
   * worker claimed them.
   */
  public record Depth(String deviceClass, boolean claimed, long jobs) {}

  /** What {@link Depth} names a job that runs on any device class. */
  public static final String ANY_DEVICE = "any";

  /** The queue's depth by device class, waiting and claimed apart. */
  public List<Depth> depth() {
    return jdbc.query(
        "select device_class, picked, count(*) from "
            + TABLE
            + " where task_name = ? group by device_class, picked",
        (row, index) ->
            new Depth(
                Objects.requireNonNullElse(row.getString(1), ANY_DEVICE),
                row.getBoolean(2),
                row.getLong(3)),
        GENERATE.getTaskName());
  }

  /** Jobs that no worker has claimed yet. */
  public long waiting() {
    return jdbc.queryForObject(
        "select count(*) from " + TABLE + " where task_name = ? and picked = false",
        Long.class,
        GENERATE.getTaskName());
  }

  /** The run's job if it waits for a worker. */
  public Optional<WaitingJob> waiting(long runId) {
    return jdbc
        .query(
            "select task_instance, device_class, model_hash from "
                + TABLE
                + " where task_name = ? and task_instance = ? and picked = false",
            (row, index) -> waitingJob(row),
            GENERATE.getTaskName(),
            Long.toString(runId))
        .stream()
        .findFirst();
  }

  private static WaitingJob waitingJob(ResultSet row) throws SQLException {
    return new WaitingJob(
        Long.parseLong(row.getString("task_instance")),
        row.getString("device_class"),
        row.getString("model_hash"));
  }

  /** Which of these runs have no job in the queue. */
  public Set<Long> missing(Collection<Long> runIds) {
    Set<Long> missing = new HashSet<>(runIds);
    jdbc.queryForList(
            "select task_instance from " + TABLE + " where task_name = ?",
            String.class,
            GENERATE.getTaskName())
        .forEach(id -> missing.remove(Long.parseLong(id)));
    return missing;
  }
}
