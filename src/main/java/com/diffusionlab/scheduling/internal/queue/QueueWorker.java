package com.diffusionlab.scheduling.internal.queue;

import com.diffusionlab.LabNode;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.Execution;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * This node's worker: one db-scheduler {@link Scheduler} for the node's device, with as many
 * threads as the device has job slots, claiming by lock-and-fetch no more jobs than it has free
 * slots (a job claimed beyond them would wait without heartbeats), those its {@link ClaimPolicy}
 * lets it serve, in its order. On a node that runs no jobs it stays idle. Stopping lets running
 * jobs finish up to the configured wait.
 */
public final class QueueWorker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(QueueWorker.class);

  /** Housekeeping (heartbeats, dead-execution detection) and polling besides the slots. */
  private static final int EXTRA_CONNECTIONS = 3;

  private final LabNode node;
  private final QueueProperties properties;
  private final QueueDialect dialect;
  private final ClaimPolicy policy;
  private final DataSource applicationDataSource;
  private final JdbcTemplate jdbc;
  private Scheduler scheduler;
  private HikariDataSource ownPool;

  public QueueWorker(
      LabNode node,
      QueueProperties properties,
      QueueDialect dialect,
      ClaimPolicy policy,
      DataSource applicationDataSource,
      JdbcTemplate jdbc) {
    this.node = node;
    this.properties = properties;
    this.dialect = dialect;
    this.policy = policy;
    this.applicationDataSource = applicationDataSource;
    this.jdbc = jdbc;
  }

  /**
   * Starts claiming jobs, on a node that runs them. First the jobs this node's previous process
   * left claimed (their heartbeats stopped well before this start) are handled as dead at once,
   * instead of after the lease timeout.
   */
  public synchronized void start(Task<Void> task, BoundedRevive<Void> revive) {
    if (!node.runsJobs() || scheduler != null) {
      return;
    }
    leftByMyLastRun(task).forEach(revive::died);
    scheduler =
        QueueSettings.worker(properties, node.slots())
            .apply(Scheduler.create(workerDataSource(), List.of(task)))
            .schedulerName(new SchedulerName.Fixed(node.name()))
            .tableName(JobQueue.TABLE)
            .jdbcCustomization(dialect.customization(policy))
            .build();
    scheduler.start();
    LOG.info(
        "worker {} claims jobs for {} devices, {} at once (heartbeat {}, lease {})",
        node.name(),
        policy.deviceClass() == null ? "all" : policy.deviceClass(),
        node.slots(),
        properties.heartbeatInterval(),
        properties.leaseTimeout());
  }

  /** Looks for due jobs now (after this node queued one), if this node runs jobs. */
  public void wake() {
    Scheduler running = scheduler;
    if (running != null) {
      running.triggerCheckForDueExecutions();
    }
  }

  private List<Execution> leftByMyLastRun(Task<Void> task) {
    Instant stale = Instant.now().minus(properties.heartbeatInterval().multipliedBy(2));
    return jdbc.query(
        "select * from "
            + JobQueue.TABLE
            + " where task_name = ? and picked = true and picked_by = ?"
            + " and (last_heartbeat is null or last_heartbeat < ?)",
        (row, index) -> execution(task, row),
        task.getName(),
        node.name(),
        FencedCompletion.utc(stale));
  }

  private static Execution execution(Task<Void> task, ResultSet row) throws SQLException {
    return new Execution(
        instant(row, "execution_time"),
        new TaskInstance<Void>(task.getName(), row.getString("task_instance")),
        row.getBoolean("picked"),
        row.getString("picked_by"),
        instant(row, "last_success"),
        instant(row, "last_failure"),
        row.getInt("consecutive_failures"),
        instant(row, "last_heartbeat"),
        row.getLong("version"));
  }

  private static Instant instant(ResultSet row, String column) throws SQLException {
    OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  /**
   * On PostgreSQL the worker's claims and heartbeats go through a pool of its own that does not
   * wait for the disk; elsewhere through the application's.
   */
  private DataSource workerDataSource() {
    String sessionSql = dialect.workerSessionSql();
    if (sessionSql == null || !(applicationDataSource instanceof HikariDataSource application)) {
      return applicationDataSource;
    }
    HikariConfig config = new HikariConfig();
    config.setPoolName("dlab-queue");
    config.setJdbcUrl(application.getJdbcUrl());
    config.setUsername(application.getUsername());
    config.setPassword(application.getPassword());
    config.setMaximumPoolSize(node.slots() + EXTRA_CONNECTIONS);
    config.setConnectionInitSql(sessionSql);
    ownPool = new HikariDataSource(config);
    return ownPool;
  }

  /** Stops claiming; lets running jobs finish up to {@code dlab.queue.shutdown-max-wait}. */
  @Override
  public synchronized void close() {
    if (scheduler != null) {
      scheduler.stop();
      scheduler = null;
    }
    if (ownPool != null) {
      ownPool.close();
      ownPool = null;
    }
  }
}
