package com.diffusionlab.scheduling.internal.queue;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.event.SchedulerListener;
import com.github.kagkarlsson.scheduler.task.Task;
import com.zaxxer.hikari.HikariDataSource;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * db-scheduler {@link Scheduler}s on one database, each with its own name, threads and connection
 * pool: the nodes of a cluster, in one JVM. Stopping a node ends its polling and heartbeats; its
 * pool stays open until {@link #close()}, so that an execution it left running can still try to
 * complete, as a node that lost its lease would.
 */
public final class QueueNodes implements AutoCloseable {
  /** Housekeeping (heartbeats, dead-execution detection) and polling besides the threads. */
  private static final int EXTRA_CONNECTIONS = 3;

  private record Node(Scheduler scheduler, HikariDataSource pool) {}

  private final List<Node> nodes = new ArrayList<>();

  private QueueNodes() {}

  public static QueueNodes start(
      QueueDatabase database,
      QueueSettings settings,
      List<Task<?>> tasks,
      List<SchedulerListener> listeners,
      String... names) {
    return start(database, settings, tasks, listeners, ClaimPolicy.ANY, names);
  }

  /** Nodes that claim what {@code policy} lets them, in its order. */
  public static QueueNodes start(
      QueueDatabase database,
      QueueSettings settings,
      List<Task<?>> tasks,
      List<SchedulerListener> listeners,
      ClaimPolicy policy,
      String... names) {
    QueueNodes started = new QueueNodes();
    try {
      for (String name : names) {
        HikariDataSource pool = database.pool(name, settings.threads() + EXTRA_CONNECTIONS);
        SchedulerBuilder builder =
            settings
                .apply(Scheduler.create(pool, tasks))
                .schedulerName(new SchedulerName.Fixed(name))
                .tableName(JobQueue.TABLE)
                .jdbcCustomization(database.dialect().customization(policy));
        listeners.forEach(builder::addSchedulerListener);
        Node node = new Node(builder.build(), pool);
        started.nodes.add(node);
      }
      started.nodes.forEach(node -> node.scheduler().start());
      return started;
    } catch (RuntimeException e) {
      started.close();
      throw e;
    }
  }

  /** A client that schedules, as the web node that accepts a job would. */
  public static SchedulerClient client(
      DataSource dataSource, QueueDialect dialect, boolean priority, List<Task<?>> tasks) {
    SchedulerClient.Builder builder =
        SchedulerClient.Builder.create(dataSource, tasks)
            .tableName(JobQueue.TABLE)
            .jdbcCustomization(dialect.customization());
    if (priority) {
      builder.enablePriority();
    }
    return builder.build();
  }

  /** Stops polling and heartbeats on every node (what a crashed JVM does, minus the threads). */
  public void stopSchedulers() {
    nodes.forEach(node -> stop(node.scheduler()));
  }

  private static void stop(Scheduler scheduler) {
    if (!scheduler.getSchedulerState().isShuttingDown()) {
      scheduler.stop();
    }
  }

  @Override
  public void close() {
    stopSchedulers();
    nodes.forEach(node -> node.pool().close());
  }
}
