package com.diffusionlab.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.diffusionlab.TestUsers;
import com.diffusionlab.WorkspaceTestSupport;
import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.identity.Role;
import com.diffusionlab.scheduling.internal.LogContext;
import com.diffusionlab.tracking.GenerationSettings;
import com.diffusionlab.tracking.Run;
import com.diffusionlab.tracking.RunService;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Log lines written while a run is submitted and while its job runs carry the run's, the job's and
 * the session's ids (the MDC, which structured logs write as fields), and a worker thread does not
 * keep them after the job.
 */
class JobLogContextIT extends WorkspaceTestSupport {

  @Autowired IdentityService identity;
  @Autowired GenerationService generations;
  @Autowired RunService runs;

  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

  @BeforeEach
  void listen() {
    lines.start();
    root.addAppender(lines);
  }

  @AfterEach
  void stopListening() {
    root.detachAppender(lines);
    lines.stop();
  }

  @Test
  void theLinesOfASubmissionAndOfItsJobCarryTheRunJobAndSessionIds() {
    TestUsers.ensure(identity, "logger", Role.RESEARCHER);
    Run submitted =
        TestUsers.call(
            "logger",
            Role.RESEARCHER,
            () ->
                generations.submit(
                    GenerationSubmission.of(
                        GenerationSettings.of("tiny-shapes", "one blue square")
                            .with("steps", 2)
                            .with("seed", 11L))));
    long id = submitted.id();
    Awaitility.await("run " + id + " ending")
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> runs.find(id).orElseThrow().status().finished());
    String session = Long.toString(submitted.sessionId());

    ILoggingEvent queued = line("run " + id + " queued by logger");
    assertThat(queued.getMDCPropertyMap())
        .containsEntry(LogContext.RUN, Long.toString(id))
        .containsEntry(LogContext.SESSION, session);

    Map<String, String> job =
        Map.of(
            LogContext.RUN,
            Long.toString(id),
            LogContext.JOB,
            id + "/1",
            LogContext.SESSION,
            session);
    ILoggingEvent started = line("run " + id + " attempt 1 started on ");
    assertThat(started.getMDCPropertyMap()).containsAllEntriesOf(job);
    assertThat(started.getThreadName()).isNotEqualTo(queued.getThreadName());
    ILoggingEvent succeeded =
        Awaitility.await("the job's last line")
            .atMost(Duration.ofSeconds(10))
            .until(() -> find("run " + id + " succeeded in "), line -> line != null);
    assertThat(succeeded.getMDCPropertyMap()).containsAllEntriesOf(job);

    // whatever else the worker thread wrote while the job ran carries the ids too
    List<ILoggingEvent> byTheWorker =
        snapshot().stream()
            .filter(e -> e.getThreadName().equals(started.getThreadName()))
            .filter(e -> e.getTimeStamp() >= started.getTimeStamp())
            .filter(e -> e.getTimeStamp() <= succeeded.getTimeStamp())
            .toList();
    assertThat(byTheWorker)
        .allSatisfy(e -> assertThat(e.getMDCPropertyMap()).containsAllEntriesOf(job));
  }

  private ILoggingEvent line(String start) {
    ILoggingEvent event = find(start);
    assertThat(event).as("a line starting with '" + start + "'").isNotNull();
    return event;
  }

  private ILoggingEvent find(String start) {
    return snapshot().stream()
        .filter(e -> e.getFormattedMessage().startsWith(start))
        .findFirst()
        .orElse(null);
  }

  private List<ILoggingEvent> snapshot() {
    synchronized (lines) {
      return List.copyOf(lines.list);
    }
  }
}
