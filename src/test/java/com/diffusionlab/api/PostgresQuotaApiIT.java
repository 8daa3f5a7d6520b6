package com.diffusionlab.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.diffusionlab.PostgresWorkspaceTestSupport;
import com.diffusionlab.TestSessions;
import com.diffusionlab.TestUsers;
import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.identity.LabUser;
import com.diffusionlab.identity.Role;
import com.diffusionlab.scheduling.GenerationService;
import com.diffusionlab.scheduling.GenerationSubmission;
import com.diffusionlab.scheduling.internal.PausedWorker;
import com.diffusionlab.sessions.PlaygroundSession;
import com.diffusionlab.sessions.SessionChanges;
import com.diffusionlab.sessions.SessionService;
import com.diffusionlab.tracking.GenerationSettings;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * The quota race end to end on PostgreSQL, as production runs it: 50 parallel {@code POST
 * /api/v1/generations} against a session with room for exactly 10 jobs (by its limit of concurrent
 * jobs, or by its budget) get exactly 10 runs and 40 answers 429 that name the limit and its
 * figures, and nothing of a refused submission is recorded, queued or reserved; a new user's 50
 * simultaneous first submissions make one default session. The node's worker is paused meanwhile,
 * so that no job ends and makes room while the submissions arrive.
 */
class PostgresQuotaApiIT extends PostgresWorkspaceTestSupport {

  private static final int SUBMISSIONS = 50;
  private static final int ROOM = 10;

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired IdentityService identity;
  @Autowired SessionService sessions;
  @Autowired GenerationService generations;
  @Autowired JdbcTemplate jdbc;

  private LabUser user;
  private RestClient client;

  @BeforeEach
  void someone() {
    user = TestUsers.ensure(identity, "race" + System.nanoTime(), Role.RESEARCHER);
    client = ApiClients.as(port, user.username(), TestUsers.PASSWORD);
  }

  private PlaygroundSession session(double budget, int concurrentJobs) {
    return TestSessions.create(
        sessions,
        user,
        new SessionChanges(
            "race " + System.nanoTime(),
            null,
            null,
            budget,
            concurrentJobs,
            null,
            null,
            null,
            null,
            null));
  }

  private static Map<String, Object> generation(int seed, Long sessionId) {
    return sessionId == null
        ? Map.of("prompt", "a circle", "steps", 2, "seed", seed)
        : Map.of("prompt", "a circle", "steps", 2, "seed", seed, "sessionId", sessionId);
  }

  private long count(String sql, Object... arguments) {
    return jdbc.queryForObject(sql, Long.class, arguments);
  }

  /** Runs, reservations and jobs of the session: exactly those of the accepted submissions. */
  private void assertOnlyTheAcceptedAreRecordedQueuedAndReserved(long sessionId, int accepted) {
    assertThat(count("select count(*) from runs where session_id = ?", sessionId))
        .as("runs")
        .isEqualTo(accepted);
    assertThat(count("select count(*) from usage_ledger where session_id = ?", sessionId))
        .as("reservations")
        .isEqualTo(accepted);
    assertThat(
            count(
                "select count(*) from job_queue q join runs r"
                    + " on q.task_instance = cast(r.id as varchar(20)) where r.session_id = ?",
                sessionId))
        .as("jobs")
        .isEqualTo(accepted);
  }

  private void cancel(List<ResponseEntity<JsonNode>> accepted) {
    for (ResponseEntity<JsonNode> run : accepted) {
      client
          .post()
          .uri("/runs/{id}/cancel", run.getBody().get("id").asLong())
          .retrieve()
          .toBodilessEntity();
    }
  }

  private JsonNode usage(long sessionId) {
    return client.get().uri("/sessions/{id}/usage", sessionId).retrieve().body(JsonNode.class);
  }

  @Test
  void fiftyParallelSubmissionsAgainstRoomForTenConcurrentJobsAcceptExactlyTen() throws Exception {
    PlaygroundSession session = session(1e6, ROOM);
    try (PausedWorker paused = PausedWorker.pause(context)) {
      List<ResponseEntity<JsonNode>> answers =
          SubmissionRace.submit(client, SUBMISSIONS, i -> generation(i, session.id()));
      List<ResponseEntity<JsonNode>> accepted = SubmissionRace.accepted(answers);
      try {
        assertThat(accepted).hasSize(ROOM);
        assertThat(SubmissionRace.refused(answers))
            .hasSize(SUBMISSIONS - ROOM)
            .allSatisfy(answer -> SubmissionRace.assertNoRoomForAnotherJob(answer, ROOM));
        assertOnlyTheAcceptedAreRecordedQueuedAndReserved(session.id(), ROOM);
        JsonNode usage = usage(session.id());
        assertThat(usage.get("activeJobs").asInt()).isEqualTo(ROOM);
        assertThat(usage.get("usedDeviceSeconds").asDouble()).isZero();
      } finally {
        cancel(accepted);
      }
    }
    assertThat(usage(session.id()).get("reservedDeviceSeconds").asDouble())
        .as("released by the cancels")
        .isZero();
  }

  @Test
  void fiftyParallelSubmissionsAgainstABudgetForTenAcceptExactlyTen() throws Exception {
    try (PausedWorker paused = PausedWorker.pause(context)) {
      // estimated while no run ends: the submissions get the same estimate
      double estimate =
          TestUsers.call(
                  user.username(),
                  Role.RESEARCHER,
                  () ->
                      generations.estimate(
                          new GenerationSubmission(
                              null,
                              null,
                              GenerationSettings.of("tiny-shapes", "a circle").with("steps", 2))))
              .deviceSeconds();
      assertThat(estimate).isPositive();
      // room for ten and a half: the eleventh does not fit
      double budget = 10.5 * estimate;
      PlaygroundSession session = session(budget, 64);
      List<ResponseEntity<JsonNode>> answers =
          SubmissionRace.submit(client, SUBMISSIONS, i -> generation(i, session.id()));
      List<ResponseEntity<JsonNode>> accepted = SubmissionRace.accepted(answers);
      try {
        assertThat(accepted).hasSize(ROOM);
        assertThat(SubmissionRace.refused(answers))
            .hasSize(SUBMISSIONS - ROOM)
            .allSatisfy(
                answer -> {
                  JsonNode limit =
                      SubmissionRace.assertQuotaExceeded(answer, "budgetDeviceSeconds")
                          .get("limit");
                  assertThat(limit.get("allowed").asDouble()).isEqualTo(budget);
                  assertThat(limit.get("requested").asDouble()).isEqualTo(estimate);
                  assertThat(limit.get("reserved").asDouble())
                      .isCloseTo(ROOM * estimate, Percentage.withPercentage(1e-6));
                });
        assertOnlyTheAcceptedAreRecordedQueuedAndReserved(session.id(), ROOM);
        JsonNode usage = usage(session.id());
        assertThat(usage.get("reservedDeviceSeconds").asDouble())
            .isCloseTo(ROOM * estimate, Percentage.withPercentage(1e-6))
            .isLessThanOrEqualTo(budget);
      } finally {
        cancel(accepted);
      }
    }
  }

  @Test
  void simultaneousFirstSubmissionsOfANewUserMakeOneDefaultSession() throws Exception {
    try (PausedWorker paused = PausedWorker.pause(context)) {
      List<ResponseEntity<JsonNode>> answers =
          SubmissionRace.submit(client, SUBMISSIONS, i -> generation(i, null));
      List<ResponseEntity<JsonNode>> accepted = SubmissionRace.accepted(answers);
      try {
        List<Long> owned =
            jdbc.queryForList(
                "select id from playground_sessions where owner_id = ?", Long.class, user.id());
        assertThat(owned).as("one default session").hasSize(1);
        int room = sessions.defaultQuota().maxConcurrentJobs();
        assertThat(accepted).hasSize(room);
        assertThat(accepted)
            .allSatisfy(
                answer ->
                    assertThat(answer.getBody().get("sessionId").asLong())
                        .isEqualTo(owned.getFirst()));
        assertThat(SubmissionRace.refused(answers))
            .hasSize(SUBMISSIONS - room)
            .allSatisfy(answer -> SubmissionRace.assertNoRoomForAnotherJob(answer, room));
        assertOnlyTheAcceptedAreRecordedQueuedAndReserved(owned.getFirst(), room);
      } finally {
        cancel(accepted);
      }
    }
  }
}
