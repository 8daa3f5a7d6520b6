package com.diffusionlab.scheduling.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.diffusionlab.LabNode;
import com.diffusionlab.TestSessions;
import com.diffusionlab.TestUsers;
import com.diffusionlab.WorkspaceHttp;
import com.diffusionlab.WorkspaceTestSupport;
import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.identity.LabUser;
import com.diffusionlab.identity.Role;
import com.diffusionlab.scheduling.GenerationService;
import com.diffusionlab.scheduling.GenerationSubmission;
import com.diffusionlab.scheduling.HeldSlot;
import com.diffusionlab.scheduling.RunProgress;
import com.diffusionlab.sessions.PlaygroundSession;
import com.diffusionlab.sessions.Quota;
import com.diffusionlab.sessions.SessionService;
import com.diffusionlab.tracking.GenerationSettings;
import com.diffusionlab.tracking.NewRun;
import com.diffusionlab.tracking.Run;
import com.diffusionlab.tracking.RunEstimate;
import com.diffusionlab.tracking.RunService;
import com.diffusionlab.tracking.RunStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Where runs stand, over REST and to watchers: queued runs' places in the fair-share order with
 * ETAs while the workspace's one device slot is busy, and a running run's progress as its worker
 * writes it to the database, read on a node that does not run it.
 */
class QueueStandingIT extends WorkspaceTestSupport {

  @Autowired IdentityService identity;
  @Autowired SessionService sessions;
  @Autowired GenerationService generations;
  @Autowired RunService runs;
  @Autowired RunProgressLog progressLog;
  @Autowired LabNode node;
  @Autowired JdbcTemplate jdbc;
  @LocalServerPort int port;

  private LabUser ada;
  private LabUser bo;

  /** Short names: the Users and Sessions views of the shared workspace list them. */
  @BeforeEach
  void users() {
    ada = TestUsers.ensure(identity, "q-ada", Role.RESEARCHER);
    bo = TestUsers.ensure(identity, "q-bo", Role.RESEARCHER);
  }

  private WorkspaceHttp http(LabUser user) {
    return new WorkspaceHttp(port, user.username(), TestUsers.PASSWORD);
  }

  private static String generation(long sessionId, int steps) {
    return "{\"model\":\"tiny-shapes\",\"prompt\":\"two red circles at the top\",\"steps\":"
        + steps
        + ",\"sessionId\":"
        + sessionId
        + "}";
  }

  /**
   * The node's one slot runs ada's run, held at its first step; ada queues three more, then bo his
   * first: bo's run stands first (his session has had no device time), ada's follow in order, each
   * with an ETA from the jobs ahead. The held run shows its step over REST, from its worker's row.
   */
  @Test
  void queuedRunsStandInFairShareOrderWithETAsWhileTheSlotIsBusy() throws Exception {
    PlaygroundSession adas =
        TestSessions.create(sessions, ada, "waiting line", new Quota(3600, 8, 262144, 50, 4));
    long bos = TestUsers.call(bo.username(), Role.RESEARCHER, () -> sessions.defaultFor(bo).id());
    HeldSlot slot = HeldSlot.hold(generations, jdbc, ada, adas.id());
    Run blocker = slot.run();
    List<Long> queued = new ArrayList<>();
    try (slot) {
      for (int i = 0; i < 3; i++) {
        queued.add(http(ada).generate(generation(adas.id(), 2)));
      }
      queued.add(http(bo).generate(generation(bos, 2)));

      JsonNode running = http(ada).get("/runs/" + blocker.id());
      assertThat(running.get("status").asString()).isEqualTo("RUNNING");
      assertThat(running.get("queue").isNull()).isTrue();
      JsonNode progress = running.get("progress");
      assertThat(progress.get("step").asInt()).isEqualTo(1);
      assertThat(progress.get("totalSteps").asInt()).isEqualTo(20);
      assertThat(progress.get("stage").asString()).isEqualTo("SAMPLING");
      assertThat(progress.get("node").asString()).isEqualTo(node.name());
      assertThat(progress.get("secondsLeft").asDouble()).isNotNegative();

      JsonNode bosRun = http(bo).get("/runs/" + queued.get(3));
      assertThat(bosRun.get("progress").isNull()).isTrue();
      assertThat(bosRun.get("queue").get("position").asInt())
          .as(
              "bo's run first (his session had no device time; blocker %s, queued %s): %s",
              blocker.id(),
              queued,
              jdbc.queryForList(
                  "select task_instance, picked, picked_by, execution_time from job_queue"))
          .isEqualTo(1);
      List<JsonNode> adas3 = new ArrayList<>();
      for (long id : queued.subList(0, 3)) {
        adas3.add(http(ada).get("/runs/" + id).get("queue"));
      }
      assertThat(adas3).map(place -> place.get("position").asInt()).containsExactly(2, 3, 4);
      assertThat(adas3).map(place -> place.get("jobsAhead").asInt()).containsExactly(1, 2, 3);
      for (JsonNode place : adas3) {
        assertThat(place.get("slots").asInt()).isPositive();
        assertThat(place.get("noEtaReason").isNull()).isTrue();
        assertThat(Instant.parse(place.get("expectedStart").asString())).isNotNull();
      }
      List<Double> etas = adas3.stream().map(place -> place.get("etaSeconds").asDouble()).toList();
      assertThat(etas).isSorted();
      assertThat(etas.get(2)).isGreaterThan(etas.get(0));
      long fifth = http(ada).generate(generation(adas.id(), 2));
      queued.add(fifth);
      assertThat(http(ada).get("/runs/" + fifth).get("queue").get("position").asInt()).isEqualTo(5);
    }
    Run ended = awaitEnd(blocker.id());
    assertThat(ended.status()).isEqualTo(RunStatus.SUCCEEDED);
    // its worker deletes its row once the run's end is written
    Awaitility.await("the blocker's progress row gone with its attempt")
        .atMost(Duration.ofSeconds(30))
        .until(() -> progressLog.find(blocker.id()).isEmpty());
    for (long id : queued) {
      assertThat(awaitEnd(id).status()).isEqualTo(RunStatus.SUCCEEDED);
    }
  }

  /**
   * A run that another node runs: this node knows it only from the database. The progress its
   * worker writes reaches watchers here and the REST API; a worker whose job a later attempt took
   * over cannot write over that attempt's progress.
   */
  @Test
  void progressThatAWorkerElsewhereWritesReachesThisNodesWatchersAndTheApi() throws Exception {
    long session =
        TestUsers.call(ada.username(), Role.RESEARCHER, () -> sessions.defaultFor(ada).id());
    GenerationSettings recorded = recordedSettings(session);
    Run run =
        runs.create(
            new NewRun(session, null, null, ada.id(), null, recorded, 12.0, RunEstimate.NONE));
    runs.started(run.id());
    List<RunProgress> seen = new CopyOnWriteArrayList<>();
    try (AutoCloseable following = generations.watch(run.id(), seen::add)) {
      Instant started = Instant.now().minusSeconds(3);
      progressLog.write(entry(run.id(), 1, "SAMPLING", 7, 0.25, started));

      RunProgress step =
          Awaitility.await("step 7 told here")
              .atMost(Duration.ofSeconds(30))
              .until(() -> last(seen), progress -> progress != null && progress.step() == 7);
      assertThat(step.status()).isEqualTo(RunStatus.RUNNING);
      assertThat(step.totalSteps()).isEqualTo(20);
      assertThat(step.stepSeconds()).isEqualTo(0.25);
      assertThat(step.secondsLeft()).isEqualTo(3.3);
      assertThat(step.preview()).as("previews stay on the node that runs it").isNull();
      assertThat(step.describe()).isEqualTo("step 7/20 · 0.25 s · about 3 s left");

      JsonNode json = http(ada).get("/runs/" + run.id()).get("progress");
      assertThat(json.get("node").asString()).isEqualTo("gpu-elsewhere");
      assertThat(json.get("step").asInt()).isEqualTo(7);
      assertThat(json.get("secondsPerStep").asDouble()).isEqualTo(0.25);
      assertThat(json.get("secondsLeft").asDouble()).isEqualTo(3.3);

      // the job's next attempt, elsewhere, writes; the stale worker of attempt 1 then cannot
      progressLog.write(entry(run.id(), 2, "LOADING", 0, null, Instant.now()));
      progressLog.write(entry(run.id(), 1, "SAMPLING", 9, 0.25, started));
      progressLog.forget(run.id(), 1);
      assertThat(progressLog.find(run.id()))
          .hasValueSatisfying(
              entry -> {
                assertThat(entry.attempt()).isEqualTo(2);
                assertThat(entry.stage()).isEqualTo("LOADING");
              });
      Awaitility.await("loading told here")
          .atMost(Duration.ofSeconds(30))
          .until(() -> last(seen), progress -> progress.stage().equals("LOADING"));

      runs.ended(run.id(), RunStatus.CANCELLED, "cancelled by the user", null);
      Awaitility.await("the end told here")
          .atMost(Duration.ofSeconds(30))
          .until(() -> last(seen), progress -> progress.status() == RunStatus.CANCELLED);
      assertThat(http(ada).get("/runs/" + run.id()).get("progress").isNull()).isTrue();
      progressLog.forget(run.id(), 2);
      assertThat(progressLog.find(run.id())).isEmpty();
    }
  }

  private static RunProgressLog.Entry entry(
      long runId, int attempt, String stage, int step, Double perStep, Instant started) {
    return new RunProgressLog.Entry(
        runId, attempt, "gpu-elsewhere", stage, step, 20, perStep, started, Instant.now());
  }

  private static RunProgress last(List<RunProgress> seen) {
    return seen.isEmpty() ? null : seen.getLast();
  }

  /** Settings as a run records them (the model by content hash), from a run of one step. */
  private GenerationSettings recordedSettings(long session) {
    Run quick =
        TestUsers.call(
            ada.username(),
            Role.RESEARCHER,
            () ->
                generations.submit(
                    new GenerationSubmission(
                        session,
                        null,
                        GenerationSettings.of("tiny-shapes", "two red circles at the top")
                            .with("steps", 1))));
    return awaitEnd(quick.id()).settings().with("steps", 20);
  }

  private Run awaitEnd(long id) {
    return Awaitility.await("run " + id + " ending")
        .atMost(Duration.ofMinutes(5))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> runs.find(id).orElseThrow(), run -> run.status().finished());
  }
}
