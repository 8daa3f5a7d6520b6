package com.diffusionlab.scheduling.internal.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.diffusionlab.LabNode;
import com.diffusionlab.scheduling.internal.queue.JobQueue.JobNeeds;
import com.diffusionlab.scheduling.internal.queue.QueueSettings.Polling;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Device classes and model affinity on the real claim path (db-scheduler's lock-and-fetch with the
 * worker's {@link ClaimPolicy}), the same on every database the queue runs on: jobs queued through
 * {@link JobQueue#enqueue} with what they need; a CPU-only worker claims the jobs for any device
 * and for the CPU and leaves a GPU job waiting, which says why ({@link QueueWaits}) until a GPU
 * worker takes it; a worker holding a model claims that model's job first when its fair-share tag
 * is within the slack of the head, and in its turn when it is beyond.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DeviceAffinityContract {
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final Duration SLACK = Duration.ofSeconds(30);
  private static final String MODEL_A = "a".repeat(64);
  private static final String MODEL_B = "b".repeat(64);

  private QueueDatabase database;
  private HikariDataSource pool;
  private JdbcTemplate jdbc;
  private TransactionTemplate transactions;
  private JobQueue queue;
  private QueueWaits waits;
  private final List<String> claims = new CopyOnWriteArrayList<>();
  private OneTimeTask<Void> generate;

  /** Where the queue lives; called once. */
  abstract QueueDatabase createDatabase() throws SQLException;

  @BeforeAll
  void openDatabase() throws SQLException {
    database = createDatabase();
    pool = database.pool("affinity-test", 4);
    jdbc = new JdbcTemplate(pool);
    transactions = new TransactionTemplate(new DataSourceTransactionManager(pool));
    QueueProperties properties =
        new QueueProperties(
            Duration.ofMillis(100), Duration.ofMillis(250), 4, 3, Duration.ofMillis(200), SLACK);
    // the web node that accepts jobs: it runs none itself
    QueueWorker webNode =
        new QueueWorker(
            new LabNode("web", true, false, 1),
            properties,
            database.dialect(),
            ClaimPolicy.ANY,
            pool,
            jdbc);
    queue =
        new JobQueue(
            QueueNodes.client(
                new TransactionAwareDataSourceProxy(pool), database.dialect(), false, List.of()),
            jdbc,
            new FairShareClock(jdbc, database.dialect()),
            webNode);
    waits = new QueueWaits(jdbc);
    generate =
        Tasks.oneTime(JobQueue.GENERATE.getTaskName())
            .execute(
                (instance, context) ->
                    claims.add(instance.getId() + " on " + context.getExecution().pickedBy));
  }

  @AfterAll
  void closeDatabase() {
    pool.close();
  }

  @BeforeEach
  void emptyQueue() throws SQLException {
    QueueDatabase.emptyQueue(pool);
    jdbc.update("delete from workspace_nodes");
    claims.clear();
  }

  /** Queues run {@code runId} of {@code session} with its cost, as a submission does. */
  private void enqueue(long runId, long session, double deviceSeconds, JobNeeds needs) {
    transactions.executeWithoutResult(
        status -> queue.enqueue(runId, session, deviceSeconds, FairShareClock.EQUAL_SHARE, needs));
  }

  /** A worker node with one slot on a device of {@code deviceClass}, registered as alive. */
  private QueueNodes worker(String name, String deviceClass, Set<String> loadedModels) {
    jdbc.update(
        "insert into workspace_nodes (name, web, runs_jobs, slots, job_device, device_class,"
            + " started_at, heartbeat_at) values (?, false, true, 1, ?, ?, ?, ?)",
        name,
        deviceClass,
        deviceClass,
        Timestamp.from(Instant.now()),
        Timestamp.from(Instant.now()));
    List<Task<?>> tasks = List.of(generate);
    return QueueNodes.start(
        database,
        QueueSettings.quickToNotice(Polling.LOCK_AND_FETCH, 1),
        tasks,
        List.of(),
        new ClaimPolicy(deviceClass, () -> loadedModels, SLACK),
        name);
  }

  private List<String> waiting() {
    return jdbc.queryForList(
        "select task_instance from job_queue where picked = false order by task_instance",
        String.class);
  }

  private Instant alive() {
    return Instant.now().minus(Duration.ofMinutes(1));
  }

  @Test
  void aCpuWorkerLeavesAGpuJobWaitingWithTheReasonWhileItClaimsTheOthers() {
    enqueue(1, 1, 1, new JobNeeds("gpu", MODEL_A));
    enqueue(2, 2, 1, JobNeeds.anyDevice(MODEL_A));
    enqueue(3, 3, 1, new JobNeeds("cpu", MODEL_A));

    try (QueueNodes cpu = worker("cpu-1", "cpu", Set.of())) {
      await().atMost(PATIENCE).until(() -> claims.size() == 2);
      assertThat(claims).containsExactlyInAnyOrder("2 on cpu-1", "3 on cpu-1");
      assertThat(waiting()).containsExactly("1");
      assertThat(queue.waiting(1))
          .as("what the job asks for is recorded with it")
          .hasValue(new JobQueue.WaitingJob(1, "gpu", MODEL_A));
      assertThat(waits.unserved(alive())).isEqualTo(Map.of("gpu", 1L));
      assertThat(waits.served("gpu", alive())).isFalse();
      assertThat(waits.served("cpu", alive())).isTrue();
      assertThat(QueueWaits.reason("gpu"))
          .isEqualTo(
              "waiting for a gpu worker: no responding node runs jobs on a gpu (a replay runs on"
                  + " its original's device class, a generation on the one it asked for); it runs"
                  + " once one does");

      try (QueueNodes gpu = worker("gpu-1", "gpu", Set.of())) {
        await().atMost(PATIENCE).until(() -> claims.size() == 3);
      }
    }

    assertThat(claims).contains("1 on gpu-1");
    assertThat(waiting()).isEmpty();
    assertThat(waits.unserved(alive())).isEmpty();
  }

  @Test
  void aGpuJobIsUnservedWhileTheOnlyGpuWorkerIsSilent() {
    enqueue(1, 1, 1, new JobNeeds("gpu", MODEL_A));
    jdbc.update(
        "insert into workspace_nodes (name, web, runs_jobs, slots, job_device, device_class,"
            + " started_at, heartbeat_at) values ('gpu-1', false, true, 1, 'gpu:0', 'gpu', ?, ?)",
        Timestamp.from(Instant.now().minus(Duration.ofHours(1))),
        Timestamp.from(Instant.now().minus(Duration.ofMinutes(10))));

    assertThat(waits.unserved(alive())).isEqualTo(Map.of("gpu", 1L));
  }

  @Test
  void aWorkerClaimsTheJobOfItsLoadedModelFirstWithinTheSlack() {
    // one session: b costs 25 device-seconds, so a's fair-share tag is 25 s behind b's
    enqueue(1, 1, 25, JobNeeds.anyDevice(MODEL_B));
    enqueue(2, 1, 1, JobNeeds.anyDevice(MODEL_A));

    try (QueueNodes node = worker("cpu-1", "cpu", Set.of(MODEL_A))) {
      await().atMost(PATIENCE).until(() -> claims.size() == 2);
    }

    assertThat(claims).containsExactly("2 on cpu-1", "1 on cpu-1");
  }

  @Test
  void aWorkerLeavesTheJobOfItsLoadedModelToItsTurnBeyondTheSlack() {
    // b costs 31 device-seconds: a is 31 s behind the head, beyond the slack of 30
    enqueue(1, 1, 31, JobNeeds.anyDevice(MODEL_B));
    enqueue(2, 1, 1, JobNeeds.anyDevice(MODEL_A));

    try (QueueNodes node = worker("cpu-1", "cpu", Set.of(MODEL_A))) {
      await().atMost(PATIENCE).until(() -> claims.size() == 2);
    }

    assertThat(claims).containsExactly("1 on cpu-1", "2 on cpu-1");
  }

  @Test
  void withoutTheModelLoadedTheWorkerKeepsToTheFairOrder() {
    enqueue(1, 1, 25, JobNeeds.anyDevice(MODEL_B));
    enqueue(2, 1, 1, JobNeeds.anyDevice(MODEL_A));

    try (QueueNodes node = worker("cpu-1", "cpu", Set.of())) {
      await().atMost(PATIENCE).until(() -> claims.size() == 2);
    }

    assertThat(claims).containsExactly("1 on cpu-1", "2 on cpu-1");
  }
}
