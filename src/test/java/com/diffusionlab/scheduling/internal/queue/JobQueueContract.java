package com.diffusionlab.scheduling.internal.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.diffusionlab.scheduling.internal.queue.QueueSettings.Polling;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.event.AbstractSchedulerListener;
import com.github.kagkarlsson.scheduler.event.SchedulerListener.SchedulerEventType;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.Execution;
import com.github.kagkarlsson.scheduler.task.SchedulableInstance;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The job queue on db-scheduler (docs/decisions/0001-job-queue-on-db-scheduler.md), checked the
 * same way on every database it runs on: several nodes claim each job exactly once; a node that
 * dies is noticed by its missing heartbeats and its job runs elsewhere, while its late completion
 * is refused; retries are counted and bounded; the claim order gives weighted fair share across
 * sessions.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JobQueueContract {
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final int JOBS = 600;
  private static final long SESSION_A = 1;
  private static final long SESSION_B = 2;
  private static final long SESSION_C = 3;

  private QueueDatabase database;
  private HikariDataSource pool;
  private JdbcTemplate jdbc;

  /** Where the queue lives; called once. */
  abstract QueueDatabase createDatabase() throws SQLException;

  /** How nodes claim jobs on this database in production. */
  abstract Polling polling();

  /** Every claim strategy this database can run. */
  abstract List<Polling> pollings();

  @BeforeAll
  void openDatabase() throws SQLException {
    database = createDatabase();
    pool = database.pool("test", 4);
    jdbc = new JdbcTemplate(pool);
  }

  @AfterAll
  void closeDatabase() {
    pool.close();
  }

  @BeforeEach
  void emptyQueue() throws SQLException {
    QueueDatabase.emptyQueue(pool);
    try (Connection connection = pool.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("drop table if exists job_results");
      statement.execute(
          "create table job_results (job varchar(100) primary key, node varchar(50),"
              + " attempt int, outcome varchar(20), reason varchar(200))");
    }
  }

  Stream<Arguments> nodeCounts() {
    return pollings().stream()
        .flatMap(polling -> Stream.of(1, 2, 4).map(nodes -> Arguments.of(polling, nodes)));
  }

  @Test
  void aJobIsQueuedOnlyIfTheTransactionThatAcceptsItCommits() {
    OneTimeTask<Void> generate = Tasks.oneTime("generate").execute((instance, context) -> {});
    // what the Boot starter does: db-scheduler takes a connection per call from the DataSource
    SchedulerClient client =
        QueueNodes.client(
            new TransactionAwareDataSourceProxy(pool),
            database.dialect(),
            false,
            List.of(generate));
    TransactionTemplate transaction =
        new TransactionTemplate(new DataSourceTransactionManager(pool));

    for (String run : List.of("run-1", "run-2")) {
      transaction.executeWithoutResult(
          status -> {
            jdbc.update("insert into job_results (job, outcome) values (?, 'QUEUED')", run);
            client.schedule(generate.instance(run), Instant.now());
            if (run.equals("run-1")) {
              status.setRollbackOnly();
            }
          });
    }

    assertThat(jdbc.queryForList("select task_instance from " + JobQueue.TABLE, String.class))
        .containsExactly("run-2");
    assertThat(jdbc.queryForList("select job from job_results", String.class))
        .containsExactly("run-2");
  }

  @ParameterizedTest(name = "{1} nodes, {0}")
  @MethodSource("nodeCounts")
  void everyJobRunsExactlyOnce(Polling polling, int nodeCount) {
    Map<String, List<String>> runs = new ConcurrentHashMap<>();
    OneTimeTask<Void> noop =
        Tasks.oneTime("noop")
            .execute(
                (instance, context) ->
                    runs.computeIfAbsent(instance.getId(), id -> new CopyOnWriteArrayList<>())
                        .add(context.getExecution().pickedBy));
    List<Task<?>> tasks = List.of(noop);
    client(tasks, false)
        .scheduleBatch(
            IntStream.range(0, JOBS)
                .<TaskInstance<?>>mapToObj(i -> noop.instance("job-" + i))
                .toList(),
            Instant.now());

    String[] names =
        IntStream.rangeClosed(1, nodeCount).mapToObj(i -> "node-" + i).toArray(String[]::new);
    try (QueueNodes nodes =
        QueueNodes.start(
            database, QueueSettings.quickToNotice(polling, 4), tasks, List.of(), names)) {
      await().atMost(PATIENCE).until(() -> queued() == 0);
    }

    assertThat(runs).hasSize(JOBS);
    assertThat(runs.values()).allSatisfy(nodes -> assertThat(nodes).hasSize(1));
    System.out.printf(
        "%s, %d nodes: jobs per node %s%n",
        polling,
        nodeCount,
        runs.values().stream()
            .flatMap(List::stream)
            .collect(
                Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting())));
  }

  @Test
  void aDeadNodesJobRunsElsewhereAndItsLateCompletionIsRefused() throws InterruptedException {
    NodeGates gates = new NodeGates();
    List<String> attempts = new CopyOnWriteArrayList<>();
    OneTimeTask<Void> generate =
        Tasks.oneTime("generate")
            .execute(
                (instance, context) -> {
                  Execution execution = context.getExecution();
                  attempts.add(execution.pickedBy + ", attempt " + attempt(execution));
                  gates.holdOn(execution);
                });
    List<Task<?>> tasks = List.of(generate);
    client(tasks, false).schedule(generate.instance("run-1"), Instant.now());
    EventLog zombieEvents = new EventLog();
    EventLog survivorEvents = new EventLog();

    try (QueueNodes zombie = startNode(tasks, zombieEvents, "node-1")) {
      gates.zombie.awaitRunning();
      zombie.stopSchedulers();
      Instant stopped = Instant.now();
      assertThat(claimedBy("run-1")).isEqualTo("node-1");

      try (QueueNodes survivor = startNode(tasks, survivorEvents, "node-2")) {
        gates.survivor.awaitRunning();
        System.out.printf(
            "%s: node-1 stopped; node-2 claimed its job %d ms later%n",
            database.dialect(), Duration.between(stopped, Instant.now()).toMillis());
        assertThat(claimedBy("run-1")).isEqualTo("node-2");

        // node-1 wakes up and completes while node-2 holds the newer lease
        gates.zombie.release();
        await()
            .atMost(PATIENCE)
            .until(() -> zombieEvents.saw(SchedulerEventType.COMPLETIONHANDLER_ERROR));
        assertThat(claimedBy("run-1")).isEqualTo("node-2");

        gates.survivor.release();
        await().atMost(PATIENCE).until(() -> queued() == 0);
      }
    }
    assertThat(attempts).containsExactly("node-1, attempt 1", "node-2, attempt 2");
    assertThat(survivorEvents.saw(SchedulerEventType.COMPLETIONHANDLER_ERROR)).isFalse();
  }

  @Test
  void onlyTheLiveLeaseCommitsItsResult() throws InterruptedException {
    NodeGates gates = new NodeGates();
    FencedCompletion completion = fencedCompletion();
    Map<String, Boolean> commits = new ConcurrentHashMap<>();
    CustomTask<Void> generate =
        Tasks.custom("generate", Void.class)
            .execute(
                (instance, context) -> {
                  Execution execution = context.getExecution();
                  gates.holdOn(execution);
                  commits.put(execution.pickedBy, succeed(completion, execution));
                  return removedByTheCommit();
                });
    List<Task<?>> tasks = List.of(generate);
    client(tasks, false).schedule(generate.instance("run-1"), Instant.now());
    EventLog zombieEvents = new EventLog();

    try (QueueNodes zombie = startNode(tasks, zombieEvents, "node-1")) {
      gates.zombie.awaitRunning();
      zombie.stopSchedulers();
      try (QueueNodes survivor = startNode(tasks, new EventLog(), "node-2")) {
        gates.survivor.awaitRunning();
        // the row is still there, under node-2's lease: only the version tells them apart
        gates.zombie.release();
        await().atMost(PATIENCE).until(() -> commits.containsKey("node-1"));
        assertThat(results()).isEmpty();

        gates.survivor.release();
        await().atMost(PATIENCE).until(() -> queued() == 0);
      }
    }

    assertThat(commits).containsOnly(Map.entry("node-1", false), Map.entry("node-2", true));
    assertThat(results()).containsExactly("run-1 SUCCEEDED on node-2, attempt 2");
    assertThat(zombieEvents.saw(SchedulerEventType.COMPLETIONHANDLER_ERROR)).isFalse();
  }

  @Test
  void aJobWhoseWorkersKeepDyingIsRetriedThenFailedWithTheReason() {
    FencedCompletion completion = fencedCompletion();
    CustomTask<Void> generate =
        Tasks.custom("generate", Void.class)
            .onDeadExecution(
                new BoundedRevive<>(
                    3,
                    completion,
                    new BoundedRevive.Attempts() {
                      @Override
                      public void retried(Execution execution, int failedAttempt, String cause) {}

                      @Override
                      public void gaveUp(Execution execution, int attempts, String reason) {
                        record(execution, "FAILED", reason);
                      }
                    }))
            .execute(
                (instance, context) -> {
                  succeed(completion, context.getExecution());
                  return removedByTheCommit();
                });
    List<Task<?>> tasks = List.of(generate);
    SchedulerClient client = client(tasks, false);
    client.schedule(generate.instance("run-1"), Instant.now());
    client.schedule(generate.instance("run-2"), Instant.now());
    // their workers claimed them and died at once: no heartbeat since
    claimedByDeadWorker("run-1", 0);
    claimedByDeadWorker("run-2", 2);

    try (QueueNodes node = startNode(tasks, new EventLog(), "node-1")) {
      await().atMost(PATIENCE).until(() -> queued() == 0);
    }

    assertThat(results())
        .containsExactly(
            "run-1 SUCCEEDED on node-1, attempt 2",
            "run-2 FAILED on dead-worker, attempt 3:"
                + " the workers running it stopped renewing their lease 3 times; gave up");
  }

  /** How a job's {@code execution_time} is chosen. */
  enum Ordering {
    ARRIVAL,
    FAIR_SHARE
  }

  @ParameterizedTest
  @EnumSource(Ordering.class)
  void oneSessionsBacklogDoesNotStarveAnothersSingleJob(Ordering ordering) {
    FairShareClock clock = fairShareClock();
    List<String> started = new CopyOnWriteArrayList<>();
    // ten jobs run freely; the eleventh holds the device until the test lets go
    Semaphore device = new Semaphore(10);
    OneTimeTask<Void> generate =
        Tasks.oneTime("generate")
            .execute(
                (instance, context) -> {
                  started.add(instance.getId());
                  clock.started(context.getExecution().executionTime);
                  device.acquireUninterruptibly();
                });
    List<Task<?>> tasks = List.of(generate);
    SchedulerClient client = client(tasks, false);
    Instant arrival = Instant.now();
    client.scheduleBatch(
        IntStream.rangeClosed(1, 500)
            .<SchedulableInstance<?>>mapToObj(
                i ->
                    SchedulableInstance.of(
                        generate.instance("a-" + i),
                        ordering == Ordering.FAIR_SHARE ? clock.tag(SESSION_A, 1, 1) : arrival))
            .toList());

    try (QueueNodes node =
        QueueNodes.start(
            database, QueueSettings.quickToNotice(polling(), 1), tasks, List.of(), "node-1")) {
      await().atMost(PATIENCE).until(() -> started.size() == 11);
      client.schedule(
          generate.instance("b-1"),
          ordering == Ordering.FAIR_SHARE ? clock.tag(SESSION_B, 1, 1) : Instant.now());
      device.release(1_000);
      await().atMost(PATIENCE).until(() -> queued() == 0);
    }

    int position = started.indexOf("b-1") + 1;
    if (ordering == Ordering.ARRIVAL) {
      assertThat(position).isEqualTo(501);
    } else {
      // next after the job in service; fetch-and-lock-on-execute may have read one candidate ahead
      int readAhead = polling() == Polling.FETCH_AND_LOCK_ON_EXECUTE ? 1 : 0;
      assertThat(position).isBetween(12, 12 + readAhead);
    }
  }

  @Test
  void waitingSessionsShareTheDeviceByWeight() {
    FairShareClock clock = fairShareClock();
    List<String> started = new CopyOnWriteArrayList<>();
    OneTimeTask<Void> generate =
        Tasks.oneTime("generate")
            .execute(
                (instance, context) -> {
                  started.add(instance.getId());
                  clock.started(context.getExecution().executionTime);
                });
    List<Task<?>> tasks = List.of(generate);
    List<SchedulableInstance<?>> jobs = new ArrayList<>();
    // session a (weight 1) queues first, then session c (weight 2)
    for (String session : List.of("a", "c")) {
      double weight = session.equals("a") ? 1 : 2;
      long sessionId = session.equals("a") ? SESSION_A : SESSION_C;
      for (int i = 1; i <= 60; i++) {
        jobs.add(
            SchedulableInstance.of(
                generate.instance(session + "-" + i), clock.tag(sessionId, weight, 1)));
      }
    }
    client(tasks, false).scheduleBatch(jobs);

    try (QueueNodes node =
        QueueNodes.start(
            database, QueueSettings.quickToNotice(polling(), 1), tasks, List.of(), "node-1")) {
      await().atMost(PATIENCE).until(() -> queued() == 0);
    }

    List<String> first30 = started.subList(0, 30);
    assertThat(first30.stream().filter(id -> id.startsWith("c-"))).hasSize(20);
    assertThat(first30.stream().filter(id -> id.startsWith("a-"))).hasSize(10);
  }

  @Test
  void aHigherPriorityIsClaimedBeforeEarlierExecutionTimes() {
    List<String> started = new CopyOnWriteArrayList<>();
    OneTimeTask<Void> generate =
        Tasks.oneTime("generate").execute((instance, context) -> started.add(instance.getId()));
    List<Task<?>> tasks = List.of(generate);
    List<SchedulableInstance<?>> jobs = new ArrayList<>();
    for (int i = 1; i <= 20; i++) {
      jobs.add(
          generate
              .instanceBuilder("sweep-" + i)
              .priority(0)
              .scheduledTo(FairShareClock.EPOCH.plusSeconds(i)));
    }
    jobs.add(
        generate
            .instanceBuilder("interactive")
            .priority(10)
            .scheduledTo(FairShareClock.EPOCH.plusSeconds(3600)));
    client(tasks, true).scheduleBatch(jobs);

    try (QueueNodes node =
        QueueNodes.start(
            database,
            QueueSettings.quickToNotice(polling(), 1).withPriority(),
            tasks,
            List.of(),
            "node-1")) {
      await().atMost(PATIENCE).until(() -> queued() == 0);
    }

    assertThat(started).hasSize(21).first().isEqualTo("interactive");
    assertThat(started.subList(1, 21))
        .isSortedAccordingTo(Comparator.comparingInt(id -> Integer.parseInt(id.substring(6))));
  }

  @Test
  void aNodeThatDoesNotKnowATaskDeletesItsOldJobsUnlessToldToWaitLonger() {
    List<String> started = new CopyOnWriteArrayList<>();
    OneTimeTask<Void> gpu =
        Tasks.oneTime("generate-gpu").execute((instance, context) -> started.add(instance.getId()));
    OneTimeTask<Void> cpu =
        Tasks.oneTime("generate-cpu").execute((instance, context) -> started.add(instance.getId()));
    SchedulerClient client = client(List.of(gpu, cpu), false);
    QueueSettings settings = QueueSettings.quickToNotice(polling(), 1);
    // a fair-share tag: an execution_time far in the past
    Instant tag = FairShareClock.EPOCH.plusSeconds(1);

    client.schedule(gpu.instance("gpu-1"), tag);
    try (QueueNodes cpuOnly =
        QueueNodes.start(database, settings, List.of(cpu), List.of(), "cpu")) {
      await().atMost(PATIENCE).until(() -> queued() == 0);
    }
    assertThat(started).isEmpty();

    client.schedule(gpu.instance("gpu-2"), tag);
    Duration never = Duration.ofDays(365_000);
    try (QueueNodes cpuOnly =
            QueueNodes.start(
                database,
                settings.withDeleteUnresolvedAfter(never),
                List.of(cpu),
                List.of(),
                "cpu");
        QueueNodes gpuOnly = QueueNodes.start(database, settings, List.of(gpu), List.of(), "gpu")) {
      await().atMost(PATIENCE).until(() -> queued() == 0);
    }
    assertThat(started).containsExactly("gpu-2");
  }

  private FencedCompletion fencedCompletion() {
    return new FencedCompletion(jdbc, transactions(), JobQueue.TABLE);
  }

  private FairShareClock fairShareClock() {
    return new FairShareClock(jdbc, database.dialect());
  }

  private TransactionTemplate transactions() {
    return new TransactionTemplate(new DataSourceTransactionManager(pool));
  }

  private QueueNodes startNode(List<Task<?>> tasks, EventLog events, String name) {
    return QueueNodes.start(
        database, QueueSettings.quickToNotice(polling(), 2), tasks, List.of(events), name);
  }

  private SchedulerClient client(List<Task<?>> tasks, boolean priority) {
    return QueueNodes.client(pool, database.dialect(), priority, tasks);
  }

  private int queued() {
    return jdbc.queryForObject("select count(*) from " + JobQueue.TABLE, Integer.class);
  }

  private String claimedBy(String job) {
    return jdbc.queryForObject(
        "select picked_by from " + JobQueue.TABLE + " where task_instance = ? and picked = true",
        String.class,
        job);
  }

  private void claimedByDeadWorker(String job, int failedAttempts) {
    jdbc.update(
        "update "
            + JobQueue.TABLE
            + " set picked = true, picked_by = 'dead-worker', last_heartbeat = ?,"
            + " version = version + 1, consecutive_failures = ? where task_instance = ?",
        Timestamp.from(Instant.now().minus(Duration.ofHours(1))),
        failedAttempts,
        job);
  }

  private List<String> results() {
    return jdbc.query(
        "select job, node, attempt, outcome, reason from job_results order by job",
        (row, i) ->
            row.getString("job")
                + " "
                + row.getString("outcome")
                + " on "
                + row.getString("node")
                + ", attempt "
                + row.getInt("attempt")
                + (row.getString("reason") == null ? "" : ": " + row.getString("reason")));
  }

  /** db-scheduler counts deaths and failures in {@code consecutive_failures}. */
  private static int attempt(Execution execution) {
    return execution.consecutiveFailures + 1;
  }

  private boolean succeed(FencedCompletion completion, Execution execution) {
    return completion.complete(execution, () -> record(execution, "SUCCEEDED", null));
  }

  /** Written in the fenced transaction: the template joins it. */
  private void record(Execution execution, String outcome, String reason) {
    jdbc.update(
        "insert into job_results values (?, ?, ?, ?, ?)",
        execution.taskInstance.getId(),
        execution.pickedBy,
        attempt(execution),
        outcome,
        reason);
  }

  /** The fenced commit removed the row already, or a newer lease owns it: nothing left to do. */
  private static CompletionHandler<Void> removedByTheCommit() {
    return (complete, operations) -> {};
  }

  /**
   * Holds node-1's execution (the zombie: its node is stopped while it runs) and node-2's (the
   * survivor that takes the job over), each until the test lets go.
   */
  private static final class NodeGates {
    final Gate zombie = new Gate();
    final Gate survivor = new Gate();

    void holdOn(Execution execution) {
      switch (execution.pickedBy) {
        case "node-1" -> zombie.hold();
        case "node-2" -> survivor.hold();
        default -> throw new IllegalStateException("unexpected node " + execution.pickedBy);
      }
    }
  }

  private static final class Gate {
    private final CountDownLatch running = new CountDownLatch(1);
    private final Semaphore release = new Semaphore(0);

    void hold() {
      running.countDown();
      // a stopped scheduler interrupts its threads; a wedged worker would not notice either
      release.acquireUninterruptibly();
    }

    void awaitRunning() throws InterruptedException {
      assertThat(running.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
    }

    void release() {
      release.release();
    }
  }

  /** The scheduler events one node reported. */
  private static final class EventLog extends AbstractSchedulerListener {
    private final Set<SchedulerEventType> events = ConcurrentHashMap.newKeySet();

    @Override
    public void onSchedulerEvent(SchedulerEventType type) {
      events.add(type);
    }

    boolean saw(SchedulerEventType type) {
      return events.contains(type);
    }
  }
}
