package com.diffusionlab.scheduling.internal.queue;

import com.diffusionlab.scheduling.internal.queue.QueueSettings.Polling;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.event.AbstractSchedulerListener;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Claims per second of the job queue on db-scheduler
 * (docs/decisions/0001-job-queue-on-db-scheduler.md) with 1, 2 and 4 nodes and a no-op job: each
 * execution is a claim (lock-and-fetch, {@code SKIP LOCKED}, or fetch-and-lock-on-execute), the
 * empty task and the completion that deletes the row. {@code dlab bench-queue} runs it against a
 * PostgreSQL server (the test {@code QueueBenchmark} runs it on an embedded one) and writes
 * docs/benchmarks/queue.md.
 */
public final class QueueThroughput {
  public static final double TARGET = 500;

  /** Written before the first measurement (issue 14's spike), kept as it was. */
  private static final String PREDICTION =
      """
      On this 2-core VM, with PostgreSQL on the same two cores, each execution costs a share of one
      batch claim (`UPDATE … WHERE … IN (SELECT … FOR UPDATE SKIP LOCKED) RETURNING`) plus one
      `DELETE` by primary key in its own transaction and db-scheduler's hand-offs between threads.
      Expected: 1,500 to 3,000 executions/s with one node and `synchronous_commit = off` (the
      embedded server's setting), about the same with 2 and 4 nodes (the cores are the limit, more
      nodes only add contention); with `synchronous_commit = on` (PostgreSQL's default) every
      completion waits for its WAL flush, so 400 to 1,000/s. The 500/s target should hold with the
      flush off; with it on it is in doubt.""";

  /** A database and how its nodes claim. */
  public record Setup(String name, QueueDatabase database, Polling polling) {}

  /**
   * @param jobs no-op jobs per run
   * @param threads threads per node to measure (one thread is one device slot)
   * @param lower fetch again at this fraction of the threads
   * @param upper fetch up to this fraction of the threads at once
   */
  public record Options(
      int jobs,
      List<Integer> threads,
      List<Integer> nodeCounts,
      int repeats,
      double lower,
      double upper,
      Duration patience) {

    public static Options standard() {
      return new Options(
          5_000, List.of(1, 10), List.of(1, 2, 4), 3, 0.5, 1.0, Duration.ofMinutes(5));
    }
  }

  /**
   * @param commitMillis one insert in its own transaction on one connection, measured just before
   *     the row's runs (the disk's flush time varies with what else the machine writes)
   */
  public record Measurement(
      Setup setup,
      int threads,
      int nodes,
      double commitMillis,
      double[] perSecond,
      double enqueuePerSecond) {
    public double median() {
      double[] sorted = perSecond.clone();
      Arrays.sort(sorted);
      return sorted[sorted.length / 2];
    }
  }

  private record Run(double perSecond, double enqueuePerSecond) {}

  private final Options options;
  private final PrintWriter progress;

  public QueueThroughput(Options options, PrintWriter progress) {
    this.options = options;
    this.progress = progress;
  }

  /** Every set-up with each number of threads and nodes, after a warm-up run per set-up. */
  public List<Measurement> measure(List<Setup> setups) throws SQLException {
    List<Measurement> measurements = new ArrayList<>();
    for (Setup setup : setups) {
      run(setup, 10, 1, Math.min(1_000, options.jobs())); // JIT, connections, the server's caches
      for (int threads : options.threads()) {
        for (int nodes : options.nodeCounts()) {
          double commitMillis = commitMillis(setup.database());
          double[] perSecond = new double[options.repeats()];
          double enqueue = 0;
          for (int i = 0; i < options.repeats(); i++) {
            Run run = run(setup, threads, nodes, options.jobs());
            perSecond[i] = run.perSecond();
            enqueue = Math.max(enqueue, run.enqueuePerSecond());
          }
          Measurement m = new Measurement(setup, threads, nodes, commitMillis, perSecond, enqueue);
          measurements.add(m);
          progress.printf(
              Locale.ROOT,
              "%s, %d threads, %d nodes: %.0f executions/s (runs %s)%n",
              setup.name(),
              threads,
              nodes,
              m.median(),
              Arrays.toString(perSecond));
          progress.flush();
        }
      }
    }
    return measurements;
  }

  private Run run(Setup setup, int threads, int nodeCount, int jobs) throws SQLException {
    Set<String> executed = ConcurrentHashMap.newKeySet();
    CountDownLatch completed = new CountDownLatch(jobs);
    OneTimeTask<Void> noop =
        Tasks.oneTime("noop").execute((instance, context) -> executed.add(instance.getId()));
    List<Task<?>> tasks = List.of(noop);
    AbstractSchedulerListener completions =
        new AbstractSchedulerListener() {
          @Override
          public void onExecutionComplete(ExecutionComplete complete) {
            completed.countDown();
          }
        };
    QueueSettings settings =
        new QueueSettings(
            setup.polling(),
            threads,
            options.lower(),
            options.upper(),
            Duration.ofMillis(100),
            Duration.ofSeconds(5),
            6,
            false,
            SchedulerBuilder.DEFAULT_DELETION_OF_UNRESOLVED_TASKS_DURATION,
            Duration.ofSeconds(5));
    QueueDatabase database = setup.database();
    try (HikariDataSource pool = database.pool("bench-client", 2)) {
      QueueDatabase.emptyQueue(pool);
      List<TaskInstance<?>> instances =
          IntStream.range(0, jobs)
              .<TaskInstance<?>>mapToObj(i -> noop.instance("job-" + i))
              .toList();
      long enqueueStart = System.nanoTime();
      QueueNodes.client(pool, database.dialect(), false, tasks)
          .scheduleBatch(instances, Instant.now());
      double enqueueSeconds = (System.nanoTime() - enqueueStart) / 1e9;

      String[] names =
          IntStream.rangeClosed(1, nodeCount).mapToObj(i -> "node-" + i).toArray(String[]::new);
      long start;
      long end;
      try (QueueNodes nodes =
          QueueNodes.start(database, settings, tasks, List.of(completions), names)) {
        start = System.nanoTime();
        if (!completed.await(options.patience().toSeconds(), TimeUnit.SECONDS)) {
          throw new IllegalStateException(
              "only " + (jobs - completed.getCount()) + " of " + jobs + " jobs completed");
        }
        end = System.nanoTime();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      int left =
          new JdbcTemplate(pool)
              .queryForObject("select count(*) from " + JobQueue.TABLE, Integer.class);
      if (left != 0 || executed.size() != jobs) {
        throw new IllegalStateException(
            left + " rows left, " + executed.size() + " of " + jobs + " jobs executed");
      }
      return new Run(jobs / ((end - start) / 1e9), jobs / enqueueSeconds);
    }
  }

  /** The server's version and durability settings, as the benchmark's connections see them. */
  public static String serverSettings(QueueDatabase database) {
    try (HikariDataSource pool = database.pool("bench-probe", 1)) {
      return new JdbcTemplate(pool)
          .queryForObject(
              "select 'PostgreSQL ' || current_setting('server_version')"
                  + " || ', fsync = ' || current_setting('fsync')"
                  + " || ', synchronous_commit = ' || current_setting('synchronous_commit')"
                  + " || ', wal_sync_method = ' || current_setting('wal_sync_method')",
              String.class);
    }
  }

  private static double commitMillis(QueueDatabase database) {
    try (HikariDataSource pool = database.pool("bench-probe", 1)) {
      JdbcTemplate jdbc = new JdbcTemplate(pool);
      jdbc.execute("create table if not exists commit_probe (id int)");
      int commits = 200;
      long start = System.nanoTime();
      for (int i = 0; i < commits; i++) {
        jdbc.update("insert into commit_probe values (?)", i);
      }
      double millis = (System.nanoTime() - start) / 1e6 / commits;
      jdbc.execute("drop table commit_probe");
      return millis;
    }
  }

  /** The 1, 5 and 15 minute load averages ("unknown" off Linux). */
  public static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return String.join(" ", fields[0], fields[1], fields[2]);
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** Per set-up: does every node count reach the target, with each number of threads? */
  private static String verdict(List<Measurement> measurements) {
    StringBuilder text =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "Target: at least %.0f claims/s in all with 1, 2 and 4 nodes. Lowest median per"
                    + " set-up and threads per node:%n%n",
                TARGET));
    Map<String, Map<Integer, Double>> lowest = new LinkedHashMap<>();
    for (Measurement m : measurements) {
      lowest
          .computeIfAbsent(m.setup().name(), name -> new TreeMap<>())
          .merge(m.threads(), m.median(), Math::min);
    }
    lowest.forEach(
        (setup, byThreads) ->
            byThreads.forEach(
                (threads, perSecond) ->
                    text.append(
                        String.format(
                            Locale.ROOT,
                            "- %s, %d thread%s per node: %,.0f/s, %s%n",
                            setup,
                            threads,
                            threads == 1 ? "" : "s",
                            perSecond,
                            perSecond >= TARGET ? "**met**" : "**not met**"))));
    return text.toString();
  }

  /**
   * The report: how it was measured, the table, the verdict and the servers.
   *
   * @param how the command that measured it and the servers it ran on
   * @param servers per set-up, what its server says of itself
   */
  public String markdown(
      List<Measurement> measurements,
      String how,
      List<String> servers,
      String loadBefore,
      String loadAfter) {
    StringBuilder table = new StringBuilder();
    table.append(
        "| set-up | threads per node | nodes | one commit (ms) | executions/s (median)"
            + " | the runs | jobs enqueued/s |\n");
    table.append("|---|---:|---:|---:|---:|---|---:|\n");
    for (Measurement m : measurements) {
      table.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %d | %.2f | %,.0f | %s | %,.0f |%n",
              m.setup().name(),
              m.threads(),
              m.nodes(),
              m.commitMillis(),
              m.median(),
              Arrays.stream(m.perSecond())
                  .mapToObj(v -> String.format(Locale.ROOT, "%,.0f", v))
                  .collect(Collectors.joining(", ")),
              m.enqueuePerSecond()));
    }
    return String.format(
        Locale.ROOT,
        """
        # Job queue: claims per second

        %s on %s, %d cores, Java %s. Load average before: %s; after: %s (the machine is shared
        with other builds).

        Each run queues %,d no-op one-time jobs (db-scheduler 16.7.1, one batch insert), then
        starts %s nodes (separate `Scheduler`s, each with its own connection pool and threads: %s
        per node; one thread is one device slot, ten is db-scheduler's default) that claim (batches
        up to %.1f × threads, fetching again at %.1f × threads), run the job and delete its row.
        Executions per second is the number of jobs over the time from the nodes' start until the
        last completion; every job is checked to have run exactly once and the table to be empty.
        Each figure is the median of %d runs after a warm-up run.

        Lock-and-fetch claims a batch with one `UPDATE … WHERE … IN (SELECT … FOR UPDATE SKIP
        LOCKED) RETURNING`; fetch-and-lock-on-execute reads a batch with a plain `SELECT`, then
        claims each job with an optimistic `UPDATE … WHERE version = ?`. With `synchronous_commit =
        off` on the nodes' connections claims and completions are not waited for (a crash may undo
        the last few hundred milliseconds of them, which re-runs those jobs: the queue is at least
        once anyway); the workers of the workspace claim that way on PostgreSQL, while a job's
        result commits with the removal of its row on the application's synchronous connections.
        "One commit" is one insert in its own transaction on one connection, measured just before
        the row's runs.

        %s

        %s

        The servers, as the benchmark's connections saw them:

        %s

        ## Predicted before the first measurement

        %s
        """,
        how,
        System.getProperty("os.name") + " " + System.getProperty("os.arch"),
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"),
        loadBefore,
        loadAfter,
        options.jobs(),
        options.nodeCounts().stream().map(String::valueOf).collect(Collectors.joining(", ")),
        options.threads().stream().map(String::valueOf).collect(Collectors.joining(" or ")),
        options.upper(),
        options.lower(),
        options.repeats(),
        table,
        verdict(measurements),
        String.join("\n", servers),
        PREDICTION);
  }
}
