package com.diffusionlab.scheduling.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.diffusionlab.PostgresWorkspaceTestSupport;
import com.diffusionlab.RestartablePostgres;
import com.diffusionlab.TestSessions;
import com.diffusionlab.TestUsers;
import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.identity.LabUser;
import com.diffusionlab.identity.Role;
import com.diffusionlab.scheduling.GenerationService;
import com.diffusionlab.scheduling.GenerationSubmission;
import com.diffusionlab.sessions.PlaygroundSession;
import com.diffusionlab.sessions.SessionChanges;
import com.diffusionlab.sessions.SessionService;
import com.diffusionlab.tracking.GenerationSettings;
import com.diffusionlab.tracking.Run;
import com.diffusionlab.tracking.RunService;
import com.diffusionlab.tracking.RunStatus;
import com.diffusionlab.tracking.RunTransition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The database server restarted under load: while the worker runs one job and others wait, the
 * PostgreSQL server stops (a fast shutdown, every connection cut) and later starts again on the
 * same data. The worker's writes fail and are logged; nothing is failed for it. Once the server is
 * back the worker goes on: the job it was running runs again as its next attempt (its end could not
 * be written), the waiting ones are claimed, and every run succeeds exactly once, charged once.
 */
class PostgresRestartIT extends PostgresWorkspaceTestSupport {

  private static final int JOBS = 6;

  @Autowired RestartablePostgres postgres;
  @Autowired IdentityService identity;
  @Autowired SessionService sessions;
  @Autowired GenerationService generations;
  @Autowired RunService runs;
  @Autowired JdbcTemplate jdbc;

  private final LogEvents log = new LogEvents();
  private LabUser user;

  @BeforeEach
  void listen() {
    user = TestUsers.ensure(identity, "restart" + System.nanoTime(), Role.RESEARCHER);
    log.start();
    root().addAppender(log);
  }

  @AfterEach
  void stopListening() {
    root().detachAppender(log);
    // a failed test leaves the server running for the next
    postgres.restart();
  }

  private static Logger root() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }

  /**
   * The running job's end could not be written: db-scheduler's word that its outcome (nor, in its
   * failure handler, the retry) could not be written, or, when the job was still in its steps while
   * its progress and heartbeats could not be written either, the worker's word that it gave the job
   * up as its lease ran out. Either way the job stays claimed until its lease runs out.
   */
  private boolean aJobsEndFailedAndWasLogged() {
    return log.events.stream()
        .anyMatch(
            event ->
                event.getLevel().isGreaterOrEqual(Level.WARN)
                    && (event.getLoggerName().startsWith("com.github.kagkarlsson")
                            && event
                                .getFormattedMessage()
                                .startsWith("Failed while completing execution")
                        || event.getLoggerName().equals(GenerationWorker.class.getName())
                            && event.getFormattedMessage().contains("lease lost")));
  }

  @Test
  void workersPauseWhileTheDatabaseIsDownAndEveryJobEndsOnceAfterwards() {
    PlaygroundSession session =
        TestSessions.create(
            sessions,
            user,
            new SessionChanges(
                "restart " + System.nanoTime(), null, null, 1e6, 64, null, null, null, null, null));
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < JOBS; i++) {
      GenerationSettings settings =
          GenerationSettings.of("tiny-shapes", "three small blue stars on the left")
              .with("steps", 12)
              .with("seed", (long) i);
      ids.add(
          TestUsers.call(
                  user.username(),
                  Role.RESEARCHER,
                  () -> generations.submit(new GenerationSubmission(session.id(), null, settings)))
              .id());
    }
    long running =
        Awaitility.await("a job running")
            .atMost(Duration.ofMinutes(5))
            .pollInterval(Duration.ofMillis(20))
            .until(
                () ->
                    ids.stream()
                        .filter(id -> runs.find(id).orElseThrow().status() == RunStatus.RUNNING)
                        .findFirst(),
                found -> found.isPresent())
            .orElseThrow();

    log.events.clear();
    postgres.stop();
    Awaitility.await("the end of the running job failing, logged")
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(100))
        .until(this::aJobsEndFailedAndWasLogged);
    postgres.restart();

    List<Run> ended =
        ids.stream()
            .map(
                id ->
                    Awaitility.await("run " + id + " ending")
                        .atMost(Duration.ofMinutes(10))
                        .pollInterval(Duration.ofMillis(200))
                        .ignoreExceptions()
                        .until(() -> runs.find(id).orElseThrow(), run -> run.status().finished()))
            .toList();

    assertThat(ended).extracting(Run::status).containsOnly(RunStatus.SUCCEEDED);
    assertThat(ended).allSatisfy(run -> assertThat(run.outputs()).hasSize(1));
    for (long id : ids) {
      List<RunTransition> history = runs.transitions(id);
      assertThat(history.stream().filter(t -> t.to() == RunStatus.SUCCEEDED))
          .as("run %d succeeded once: %s", id, history)
          .hasSize(1);
      assertThat(history.stream().filter(t -> t.to() == RunStatus.FAILED)).isEmpty();
      assertThat(
              jdbc.queryForObject(
                  "select count(*) from usage_ledger where run_id = ?", Long.class, id))
          .as("charged once")
          .isEqualTo(1);
    }
    assertThat(
            jdbc.queryForObject(
                "select count(*) from job_queue where task_instance in ("
                    + String.join(",", ids.stream().map(id -> "'" + id + "'").toList())
                    + ")",
                Long.class))
        .isZero();
    // its end could not be written: its lease ran out and it ran again, as its second attempt
    assertThat(runs.transitions(running).stream().map(PostgresRestartIT::move))
        .containsExactly(
            "null>QUEUED #0",
            "QUEUED>RUNNING #1",
            "RUNNING>QUEUED #1",
            "QUEUED>RUNNING #2",
            "RUNNING>SUCCEEDED #2");
  }

  /** What the application logs, from any thread. */
  private static final class LogEvents extends AppenderBase<ILoggingEvent> {
    final Queue<ILoggingEvent> events = new ConcurrentLinkedQueue<>();

    @Override
    protected void append(ILoggingEvent event) {
      events.add(event);
    }
  }

  private static String move(RunTransition t) {
    return t.from() + ">" + t.to() + " #" + t.attempt();
  }
}
