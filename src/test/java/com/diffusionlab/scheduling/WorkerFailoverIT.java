package com.diffusionlab.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import com.diffusionlab.EmbeddedPostgresConfiguration;
import com.diffusionlab.LabNode;
import com.diffusionlab.TestUsers;
import com.diffusionlab.WorkspaceProcess;
import com.diffusionlab.WorkspaceTestSupport;
import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.identity.LabUser;
import com.diffusionlab.identity.Role;
import com.diffusionlab.sessions.SessionService;
import com.diffusionlab.tracking.GenerationSettings;
import com.diffusionlab.tracking.Run;
import com.diffusionlab.tracking.RunOutput;
import com.diffusionlab.tracking.RunService;
import com.diffusionlab.tracking.RunStatus;
import com.diffusionlab.tracking.RunTransition;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * Several machines, as separate JVMs on one PostgreSQL: this test's workspace is a web node that
 * runs no jobs; two {@code dlab worker} processes (the packaged jar) share its database and data
 * folder. The worker running a job is killed with {@code kill -9}: the other finds its lease
 * expired, runs the job as its second attempt, and the run succeeds exactly once with its images;
 * every file in the shared artifact folder has its row and every row its file.
 */
@Import(EmbeddedPostgresConfiguration.class)
@TestPropertySource(properties = "dlab.worker.on-web-node=false")
class WorkerFailoverIT extends WorkspaceTestSupport {

  private static final Duration PATIENCE = Duration.ofMinutes(10);

  @Autowired EmbeddedPostgres postgres;
  @Autowired IdentityService identity;
  @Autowired SessionService sessions;
  @Autowired GenerationService generations;
  @Autowired RunService runs;
  @Autowired Devices devices;
  @Autowired LabNode webNode;
  @Autowired JdbcTemplate jdbc;

  private WorkspaceProcess worker(String name) throws IOException {
    return WorkspaceProcess.worker(
        dataFolder(),
        modelsFolder(),
        Map.of(
            "SPRING_PROFILES_ACTIVE", "postgres",
            "DLAB_DB_URL", postgres.getJdbcUrl("postgres", "postgres"),
            "DLAB_DB_USER", "postgres",
            "DLAB_DB_PASSWORD", "postgres",
            "DLAB_NODE_NAME", name),
        "dlab.queue.heartbeat-interval=500ms",
        "dlab.queue.missed-heartbeats=4",
        "dlab.queue.polling-interval=200ms",
        "dlab.queue.shutdown-max-wait=2s");
  }

  @Test
  void aJobWhoseWorkerIsKilledFinishesOnAnotherWorkerExactlyOnce() throws Exception {
    assertThat(webNode.runsJobs()).isFalse();
    LabUser user = TestUsers.ensure(identity, "failover", Role.RESEARCHER);
    long session = sessions.defaultFor(user).id();
    try (WorkspaceProcess first = worker("worker-1");
        WorkspaceProcess second = worker("worker-2")) {
      Run run =
          TestUsers.call(
              user.username(),
              Role.RESEARCHER,
              () ->
                  generations.submit(
                      new GenerationSubmission(
                          session,
                          null,
                          GenerationSettings.of("tiny-shapes", "two red circles at the top")
                              .with("steps", 30)
                              .with("width", 128)
                              .with("height", 128)
                              .with("seed", 11L))));
      String victim =
          Awaitility.await("a worker running the job")
              .atMost(PATIENCE)
              .pollInterval(Duration.ofMillis(50))
              .until(() -> runningOn(run.id()), node -> node != null);
      String survivor = victim.equals("worker-1") ? "worker-2" : "worker-1";
      DevicesOverview busy =
          TestUsers.call(user.username(), Role.RESEARCHER, () -> devices.overview());
      assertThat(busy.nodes())
          .extracting(NodeStatus::name)
          .contains(webNode.name(), "worker-1", "worker-2");
      NodeStatus running =
          busy.nodes().stream().filter(n -> n.name().equals(victim)).findFirst().orElseThrow();
      assertThat(running.running()).containsExactly(run.id());
      assertThat(running.utilisation()).isEqualTo(1.0);
      assertThat(running.web()).isFalse();
      assertThat(running.devices()).extracting(DeviceStatus::device).contains("cpu");

      (victim.equals("worker-1") ? first : second).kill();

      Run done =
          Awaitility.await("the run finishing on " + survivor)
              .atMost(PATIENCE)
              .pollInterval(Duration.ofMillis(100))
              .until(() -> runs.find(run.id()).orElseThrow(), r -> r.status().finished());
      assertThat(done.status()).isEqualTo(RunStatus.SUCCEEDED);
      List<RunTransition> history = runs.transitions(run.id());
      assertThat(history)
          .extracting(t -> t.from() + ">" + t.to() + " #" + t.attempt() + " on " + t.node())
          .containsExactly(
              "null>QUEUED #0 on " + webNode.name(),
              "QUEUED>RUNNING #1 on " + victim,
              "RUNNING>QUEUED #1 on " + survivor,
              "QUEUED>RUNNING #2 on " + survivor,
              "RUNNING>SUCCEEDED #2 on " + survivor);
      assertThat(history.get(2).cause()).startsWith("the worker " + victim + " stopped responding");
      assertThat(done.outputs()).hasSize(1);
      for (RunOutput output : done.outputs()) {
        assertThat(artifact(output.sha256())).exists();
        assertThat(artifact(output.thumbnail())).exists();
      }
      assertThat(jdbc.queryForObject("select count(*) from job_queue", Long.class)).isZero();
      assertEveryFileHasItsRowAndEveryRowItsFile();

      DevicesOverview after =
          TestUsers.call(user.username(), Role.RESEARCHER, () -> devices.overview());
      assertThat(after.nodes())
          .filteredOn(node -> node.name().equals(victim))
          .singleElement()
          .satisfies(node -> assertThat(node.responding()).isFalse());
    }
  }

  /** The node whose worker runs the run now, or null. */
  private String runningOn(long runId) {
    List<RunTransition> history = runs.transitions(runId);
    RunTransition last = history.getLast();
    return last.to() == RunStatus.RUNNING ? last.node() : null;
  }

  private static Path artifact(String sha256) {
    return dataFolder()
        .resolve("artifacts")
        .resolve(sha256.substring(0, 2))
        .resolve(sha256 + ".bin");
  }

  private void assertEveryFileHasItsRowAndEveryRowItsFile() throws IOException {
    Set<String> files = new HashSet<>();
    try (Stream<Path> walk = Files.walk(dataFolder().resolve("artifacts"))) {
      walk.filter(Files::isRegularFile)
          .forEach(file -> files.add(file.getFileName().toString().replace(".bin", "")));
    }
    Set<String> rows =
        new HashSet<>(jdbc.queryForList("select sha256 from artifacts", String.class));
    assertThat(files).as("no orphan files").isEqualTo(rows);
  }
}
