package com.diffusionlab.scheduling.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.diffusionlab.PostgresWorkspaceTestSupport;
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
import com.diffusionlab.tracking.RunStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Fair share on the real queue, the real generation task and PostgreSQL: sessions get the device in
 * turn, weighted by their priority. Jobs are cheap generations of the bundled model, queued while
 * the node's worker is paused so that every one of them waits, then run by the one device slot; the
 * assertions are on the order the worker started them in.
 */
class PostgresFairShareIT extends PostgresWorkspaceTestSupport {

  @Autowired ApplicationContext context;
  @Autowired IdentityService identity;
  @Autowired SessionService sessions;
  @Autowired GenerationService generations;
  @Autowired JdbcTemplate jdbc;

  private LabUser user;

  @BeforeEach
  void someone() {
    user = TestUsers.ensure(identity, "fair" + System.nanoTime(), Role.RESEARCHER);
  }

  private PlaygroundSession session(String name, int priority) {
    return TestSessions.create(
        sessions,
        user,
        new SessionChanges(
            name + " " + System.nanoTime(), null, priority, 1e6, 64, null, null, null, null, null));
  }

  /** Queues {@code count} one-step generations of the bundled model; gives their runs' ids. */
  private List<Long> queue(PlaygroundSession session, int count) {
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      GenerationSettings settings =
          GenerationSettings.of("tiny-shapes", "two red circles at the top")
              .with("steps", 1)
              .with("seed", (long) i);
      ids.add(
          TestUsers.call(
                  user.username(),
                  Role.RESEARCHER,
                  () -> generations.submit(new GenerationSubmission(session.id(), null, settings)))
              .id());
    }
    return ids;
  }

  /** The runs' sessions in the order a worker first started them, once all have ended. */
  private List<Long> startOrder(List<Long> runIds) {
    String ids = runIds.stream().map(String::valueOf).collect(Collectors.joining(","));
    Awaitility.await("every run ended")
        .atMost(Duration.ofMinutes(10))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                jdbc.queryForObject(
                    "select count(*) from runs where id in (" + ids + ") and status in (?, ?, ?)",
                    Long.class,
                    RunStatus.SUCCEEDED.name(),
                    RunStatus.FAILED.name(),
                    RunStatus.CANCELLED.name()),
            ended -> ended == runIds.size());
    assertThat(jdbc.queryForList("select status from runs where id in (" + ids + ")", String.class))
        .containsOnly(RunStatus.SUCCEEDED.name());
    return jdbc.queryForList(
        "select r.session_id from run_transitions t join runs r on r.id = t.run_id"
            + " where t.run_id in ("
            + ids
            + ") and t.to_status = 'RUNNING' and t.attempt = 1 order by t.id",
        Long.class);
  }

  @Test
  void oneSessionsBacklogDoesNotStarveAnothersSingleJob() {
    PlaygroundSession a = session("backlog", 1);
    PlaygroundSession b = session("single", 1);
    List<Long> runs = new ArrayList<>();
    try (PausedWorker paused = PausedWorker.pause(context)) {
      runs.addAll(queue(a, 20));
      runs.addAll(queue(b, 1));
    }

    List<Long> order = startOrder(runs);

    assertThat(order).hasSize(21);
    // b's job is tagged with the queue's virtual time, as a's first: it runs first or second,
    // not after a's backlog of twenty
    assertThat(order.indexOf(b.id())).as("b's place in %s", order).isLessThanOrEqualTo(1);
  }

  @Test
  void aPriorityTwoSessionGetsTwiceTheDeviceOfAPriorityOneSessionWhileBothWait() {
    PlaygroundSession one = session("priority one", 1);
    PlaygroundSession two = session("priority two", 2);
    List<Long> runs = new ArrayList<>();
    try (PausedWorker paused = PausedWorker.pause(context)) {
      // the lower priority queues first: arrival does not decide
      runs.addAll(queue(one, 12));
      runs.addAll(queue(two, 12));
    }

    List<Long> order = startOrder(runs);

    assertThat(order).hasSize(24);
    Map<Long, Long> firstTwelve =
        order.subList(0, 12).stream()
            .collect(Collectors.groupingBy(session -> session, Collectors.counting()));
    // equal jobs, tags 1/2 apart for priority 2 and 1 apart for priority 1: 8 against 4, give or
    // take the tie of equal tags
    assertThat(firstTwelve.get(two.id())).as("first twelve of %s", order).isBetween(7L, 9L);
    int lastOfTwo = order.lastIndexOf(two.id());
    long oneBefore = order.subList(0, lastOfTwo).stream().filter(id -> id == one.id()).count();
    assertThat(oneBefore)
        .as("priority one's jobs before two's last, in %s", order)
        .isBetween(5L, 7L);
  }
}
