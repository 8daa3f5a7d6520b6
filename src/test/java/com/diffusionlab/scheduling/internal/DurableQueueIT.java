package com.diffusionlab.scheduling.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.diffusionlab.TestUsers;
import com.diffusionlab.WorkspaceTestSupport;
import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.identity.LabUser;
import com.diffusionlab.identity.Role;
import com.diffusionlab.scheduling.Devices;
import com.diffusionlab.scheduling.DevicesOverview;
import com.diffusionlab.scheduling.GenerationService;
import com.diffusionlab.scheduling.GenerationSubmission;
import com.diffusionlab.scheduling.JobWait;
import com.diffusionlab.scheduling.NodeStatus;
import com.diffusionlab.scheduling.QueuePlace;
import com.diffusionlab.scheduling.UnservedJobs;
import com.diffusionlab.scheduling.internal.queue.FairShareClock;
import com.diffusionlab.scheduling.internal.queue.FencedCompletion;
import com.diffusionlab.scheduling.internal.queue.JobQueue;
import com.diffusionlab.scheduling.internal.queue.QueueWaits;
import com.diffusionlab.scheduling.internal.queue.StaleLeases;
import com.diffusionlab.sessions.SessionService;
import com.diffusionlab.tracking.GenerationSettings;
import com.diffusionlab.tracking.NewRun;
import com.diffusionlab.tracking.Run;
import com.diffusionlab.tracking.RunEstimate;
import com.diffusionlab.tracking.RunService;
import com.diffusionlab.tracking.RunStatus;
import com.diffusionlab.tracking.RunTransition;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The durable queue under the real generation task, on the embedded default (H2): a job is queued
 * exactly when its run is recorded; a job whose worker died runs again and succeeds once; a worker
 * whose lease expired while it worked writes nothing, neither the run's end nor its images; a
 * queued run without a job is queued at start; a cancel takes a waiting job out of the queue with
 * the run's end, and reaches a running job through the database alone; a job for a device class no
 * worker serves waits and says why while others run, and a replay asks for its original's class.
 */
class DurableQueueIT extends WorkspaceTestSupport {

  @Autowired IdentityService identity;
  @Autowired SessionService sessions;
  @Autowired GenerationService generations;
  @Autowired RunService runs;
  @Autowired GenerationWorker worker;
  @Autowired RunWatchers watchers;
  @Autowired JobQueue queue;
  @Autowired FencedCompletion completion;
  @Autowired QueueStartup startup;
  @Autowired TransactionTemplate transactions;
  @Autowired JdbcTemplate jdbc;
  @Autowired Devices devices;
  @Autowired Standings standings;
  @Autowired ReplayComparison replays;

  private LabUser user;
  private long session;

  @BeforeEach
  void someone() {
    String name = "q" + System.nanoTime();
    user = TestUsers.ensure(identity, name, Role.RESEARCHER);
    session = sessions.defaultFor(user).id();
  }

  /** Settings as a run records them: the model by content hash, seconds of work at this size. */
  private GenerationSettings recorded(int steps) {
    Run quick =
        TestUsers.call(
            user.username(),
            Role.RESEARCHER,
            () ->
                generations.submit(
                    new GenerationSubmission(
                        session,
                        null,
                        GenerationSettings.of("tiny-shapes", "two red circles at the top")
                            .with("steps", 1)
                            .with("seed", 7L))));
    awaitEnd(quick.id());
    return runs.find(quick.id())
        .orElseThrow()
        .settings()
        .with("steps", steps)
        .with("width", 192)
        .with("height", 192);
  }

  private NewRun newRun(GenerationSettings settings) {
    return new NewRun(session, null, null, user.id(), null, settings, 1.0, RunEstimate.NONE);
  }

  private Run awaitEnd(long id) {
    return Awaitility.await("run " + id + " ending")
        .atMost(Duration.ofMinutes(10))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> runs.find(id).orElseThrow(), run -> run.status().finished());
  }

  private long jobs(long runId) {
    return jdbc.queryForObject(
        "select count(*) from job_queue where task_instance = ?", Long.class, Long.toString(runId));
  }

  /** A job row as a worker that claimed it leaves it; its heartbeat at {@code heartbeat}. */
  private void claimed(long runId, String node, long version, Instant heartbeat) {
    jdbc.update(
        "insert into job_queue (task_name, task_instance, execution_time, picked, picked_by,"
            + " last_heartbeat, consecutive_failures, version) values (?, ?, ?, true, ?, ?, 0, ?)",
        JobQueue.GENERATE.getTaskName(),
        Long.toString(runId),
        Timestamp.from(FairShareClock.EPOCH),
        node,
        Timestamp.from(heartbeat),
        version);
  }

  private static List<String> moves(List<RunTransition> transitions) {
    return transitions.stream().map(t -> t.from() + ">" + t.to() + " #" + t.attempt()).toList();
  }

  @Test
  void aJobForADeviceClassThatNoWorkerServesWaitsAndSaysWhyWhileOthersRun() {
    GenerationSettings settings = recorded(2);
    Run gpuJob =
        transactions.execute(
            status -> {
              Run run = runs.create(newRun(settings));
              queue.enqueue(
                  run.id(),
                  session,
                  1,
                  FairShareClock.EQUAL_SHARE,
                  new JobQueue.JobNeeds("gpu", settings.model()));
              return run;
            });
    Run ordinary =
        TestUsers.call(
            user.username(),
            Role.RESEARCHER,
            () -> generations.submit(new GenerationSubmission(session, null, settings)));

    assertThat(awaitEnd(ordinary.id()).status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(runs.find(gpuJob.id()).orElseThrow().status()).isEqualTo(RunStatus.QUEUED);
    JobWait wait =
        TestUsers.call(user.username(), Role.RESEARCHER, () -> devices.jobWait(gpuJob.id()));
    assertThat(wait)
        .isEqualTo(
            new JobWait(gpuJob.id(), true, "gpu", settings.model(), QueueWaits.reason("gpu")));
    DevicesOverview overview =
        TestUsers.call(user.username(), Role.RESEARCHER, () -> devices.overview());
    assertThat(overview.unserved()).contains(new UnservedJobs("gpu", 1, QueueWaits.reason("gpu")));
    // its place in the queue gives no ETA, and says why
    QueuePlace place = standings.of(runs.find(gpuJob.id()).orElseThrow()).queue();
    assertThat(place.etaSeconds()).isNull();
    assertThat(place.noEtaReason()).isEqualTo(QueueWaits.reason("gpu"));
    // this node runs jobs on the CPU, and shows the model it loaded for them
    Awaitility.await("the node's loaded models")
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                TestUsers.call(user.username(), Role.RESEARCHER, () -> devices.overview())
                    .nodes()
                    .stream()
                    .filter(NodeStatus::runsJobs)
                    .anyMatch(
                        node ->
                            node.deviceClass().equals("cpu")
                                && node.models().stream()
                                    .anyMatch(
                                        model -> model.contentHash().equals(settings.model()))));

    TestUsers.call(
        user.username(),
        Role.RESEARCHER,
        () -> {
          generations.cancel(gpuJob.id());
          return null;
        });
    assertThat(runs.find(gpuJob.id()).orElseThrow().status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(TestUsers.call(user.username(), Role.RESEARCHER, () -> devices.jobWait(gpuJob.id())))
        .isEqualTo(new JobWait(gpuJob.id(), false, null, null, null));
  }

  @Test
  void aReplayAsksForItsOriginalsDeviceClassAndAnOrdinaryRunForAny() {
    GenerationSettings settings = recorded(2);
    Run original =
        runs.search("", List.of(session), org.springframework.data.domain.Pageable.ofSize(1))
            .getContent()
            .getFirst();

    assertThat(original.device()).isEqualTo("cpu");
    assertThat(replays.jobNeeds(original.id(), settings.model()))
        .isEqualTo(new JobQueue.JobNeeds("cpu", settings.model()));
    assertThat(replays.jobNeeds(null, settings.model()))
        .isEqualTo(JobQueue.JobNeeds.anyDevice(settings.model()));
  }

  @Test
  void aJobIsQueuedExactlyWhenTheTransactionThatRecordsItsRunCommits() {
    GenerationSettings settings = recorded(2);
    long[] ids = new long[2];
    for (int i = 0; i < 2; i++) {
      int index = i;
      transactions.executeWithoutResult(
          status -> {
            Run run = runs.create(newRun(settings));
            queue.enqueue(
                run.id(),
                session,
                1,
                FairShareClock.EQUAL_SHARE,
                JobQueue.JobNeeds.anyDevice(settings.model()));
            ids[index] = run.id();
            if (index == 0) {
              status.setRollbackOnly();
            }
          });
    }

    assertThat(runs.find(ids[0])).as("rolled back").isEmpty();
    assertThat(jobs(ids[0])).isZero();
    assertThat(awaitEnd(ids[1]).status()).isEqualTo(RunStatus.SUCCEEDED);
  }

  @Test
  void aJobWhoseWorkerDiedRunsAgainElsewhereAndSucceedsOnce() {
    GenerationSettings settings = recorded(3);
    long runId =
        transactions.execute(
            status -> {
              Run run = runs.create(newRun(settings));
              runs.started(run.id());
              // its worker claimed it, started it and died: no heartbeat for an hour
              claimed(run.id(), "crashed-node", 2, Instant.now().minus(Duration.ofHours(1)));
              return run.id();
            });

    Run done = awaitEnd(runId);

    assertThat(done.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(done.outputs()).hasSize(1);
    List<RunTransition> history = runs.transitions(runId);
    assertThat(moves(history))
        .containsExactly(
            "null>QUEUED #0",
            "QUEUED>RUNNING #1",
            "RUNNING>QUEUED #1",
            "QUEUED>RUNNING #2",
            "RUNNING>SUCCEEDED #2");
    assertThat(history.get(2).cause())
        .isEqualTo(
            "the worker crashed-node stopped renewing its lease (it stopped, or lost the database); queued again (attempt 2 of 3)");
    assertThat(jobs(runId)).isZero();
    assertThat(ledgerLines(runId)).isEqualTo(1);
  }

  @Test
  void aJobWhoseWorkersKeepDyingFailsWithTheReason() {
    GenerationSettings settings = recorded(3);
    long runId =
        transactions.execute(
            status -> {
              Run run = runs.create(newRun(settings));
              runs.started(run.id());
              claimed(run.id(), "crashed-node", 2, Instant.now().minus(Duration.ofHours(1)));
              return run.id();
            });
    // two attempts died before this one
    jdbc.update(
        "update job_queue set consecutive_failures = 2 where task_instance = ?",
        Long.toString(runId));

    Run failed = awaitEnd(runId);

    assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
    assertThat(failed.error())
        .isEqualTo("the workers running it stopped renewing their lease 3 times; gave up");
    assertThat(jobs(runId)).isZero();
  }

  /**
   * A worker wedged mid-job (its heartbeats stopped; it does not know) while the job's lease
   * expired and another worker ran the job to success: when it wakes and finishes, its result is
   * refused by the lease's version: nothing it made is recorded, and the run succeeded once.
   */
  @Test
  void aWorkerWhoseLeaseExpiredWhileItWorkedWritesNothing() throws Exception {
    GenerationSettings settings = recorded(6);
    long runId =
        transactions.execute(
            status -> {
              Run run = runs.create(newRun(settings));
              // claimed by the wedged worker a moment ago: the live one waits for its lease to end
              claimed(run.id(), "wedged", 2, Instant.now());
              return run.id();
            });
    CountDownLatch wake = new CountDownLatch(1);
    AtomicInteger wedgedSteps = new AtomicInteger();
    try (AutoCloseable following =
        watchers.watch(
            runId,
            progress -> {
              if (Thread.currentThread().getName().equals("wedged") && progress.step() > 0) {
                wedgedSteps.incrementAndGet();
                if (progress.step() == 1) {
                  await(wake);
                }
              }
            })) {
      Thread wedged =
          Thread.ofPlatform()
              .name("wedged")
              .start(
                  () ->
                      worker.run(
                          StaleLeases.of(runId, "wedged", 2, FairShareClock.EPOCH, completion)));

      Run done = awaitEnd(runId);
      wake.countDown();
      wedged.join(Duration.ofMinutes(3));
      assertThat(wedged.isAlive()).isFalse();

      assertThat(done.status()).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(wedgedSteps.get()).as("the wedged worker was generating").isPositive();
      assertThat(moves(runs.transitions(runId)))
          .containsExactly(
              "null>QUEUED #0",
              "QUEUED>RUNNING #1",
              "RUNNING>QUEUED #1",
              "QUEUED>RUNNING #2",
              "RUNNING>SUCCEEDED #2");
      Run after = runs.find(runId).orElseThrow();
      assertThat(after.outputs()).isEqualTo(done.outputs());
      assertThat(after.finishedAt()).isEqualTo(done.finishedAt());
      assertThat(ledgerLines(runId)).as("charged once").isEqualTo(1);
      assertThat(jobs(runId)).isZero();
    }
  }

  @Test
  void aQueuedRunWithoutAJobIsQueuedAtStart() {
    GenerationSettings settings = recorded(2);
    // as a database restored from a backup may hold it: the run, not its job
    Run orphan = runs.create(newRun(settings));
    assertThat(jobs(orphan.id())).isZero();

    startup.run(null);

    assertThat(awaitEnd(orphan.id()).status()).isEqualTo(RunStatus.SUCCEEDED);
  }

  @Test
  void aCancelTakesAWaitingJobOutOfTheQueueWithTheRunsEnd() {
    GenerationSettings settings = recorded(2);
    long runId =
        transactions.execute(
            status -> {
              Run run = runs.create(newRun(settings));
              // due tomorrow: no worker claims it before the cancel
              jdbc.update(
                  "insert into job_queue (task_name, task_instance, execution_time, picked,"
                      + " consecutive_failures, version) values (?, ?, ?, false, 0, 1)",
                  JobQueue.GENERATE.getTaskName(),
                  Long.toString(run.id()),
                  Timestamp.from(Instant.now().plus(Duration.ofDays(1))));
              return run.id();
            });

    TestUsers.as(user.username(), Role.RESEARCHER, () -> generations.cancel(runId));

    Run cancelled = runs.find(runId).orElseThrow();
    assertThat(cancelled.status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(cancelled.error()).isEqualTo("cancelled before it started");
    assertThat(jobs(runId)).as("gone in the same transaction").isZero();
    assertThat(moves(runs.transitions(runId)))
        .containsExactly("null>QUEUED #0", "QUEUED>CANCELLED #0");
  }

  /**
   * Another node asks a running run to stop: it only sets the run's flag in the database (no token
   * of this node is touched), and the worker stops within a step.
   */
  @Test
  void aCancelAskedForOnAnotherNodeStopsTheRunningJobWithinAStep() {
    GenerationSettings settings = recorded(50);
    Run run =
        TestUsers.call(
            user.username(),
            Role.RESEARCHER,
            () -> generations.submit(new GenerationSubmission(session, null, settings)));
    AtomicInteger steps = new AtomicInteger();
    try (AutoCloseable following =
        watchers.watch(run.id(), progress -> steps.set(Math.max(steps.get(), progress.step())))) {
      Awaitility.await("a first step")
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> steps.get() > 0);
      runs.requestCancel(run.id());
      int askedAt = steps.get();

      Run cancelled = awaitEnd(run.id());

      assertThat(cancelled.status()).isEqualTo(RunStatus.CANCELLED);
      assertThat(cancelled.error()).isEqualTo("cancelled by the user");
      assertThat(cancelled.timings().steps()).hasSizeLessThan(50);
      assertThat(cancelled.deviceSeconds()).isPositive();
      assertThat(askedAt).isLessThan(50);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private long ledgerLines(long runId) {
    return jdbc.queryForObject(
        "select count(*) from usage_ledger where run_id = ?", Long.class, runId);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(3, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
