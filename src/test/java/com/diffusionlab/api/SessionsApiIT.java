package com.diffusionlab.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.diffusionlab.TestUsers;
import com.diffusionlab.identity.LabUser;
import com.diffusionlab.identity.Role;
import com.diffusionlab.sessions.SessionService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/v1/sessions} and the quotas at the front door: only administrators create, change,
 * close and reopen sessions, researchers and viewers read them; a researcher's own playground has
 * the configured default quota; 50 parallel submissions against room for 10 are answered with
 * exactly 10 runs and 40 refusals that name the limit and the figures.
 */
class SessionsApiIT extends ApiTestSupport {
  @Autowired SessionService sessions;

  private long researchersOwn() {
    return sessions.defaultFor(identity.find("researcher").orElseThrow()).id();
  }

  @Test
  void aResearchersOwnPlaygroundHasTheDefaultQuotaWhichOnlyAdministratorsChange() {
    // a researcher of their own: other tests change the shared researcher's playground
    String name = "rita-" + System.nanoTime() % 1_000_000;
    LabUser rita = TestUsers.ensure(identity, name, Role.RESEARCHER);
    RestClient researcher = ApiClients.as(port, name, TestUsers.PASSWORD);
    long own = sessions.defaultFor(rita).id();
    ResponseEntity<JsonNode> read = call(researcher, "GET", "/sessions/" + own, null);
    expect(read, 200);
    JsonNode quota = read.getBody().get("quota");
    // dlab.sessions.default-quota.* as application.properties sets them
    assertThat(quota.get("budgetDeviceSeconds").asDouble()).isEqualTo(3600);
    assertThat(quota.get("maxConcurrentJobs").asInt()).isEqualTo(2);
    assertThat(quota.get("maxPixels").asInt()).isEqualTo(512 * 512);
    assertThat(quota.get("maxSteps").asInt()).isEqualTo(50);
    assertThat(quota.get("maxBatch").asInt()).isEqualTo(4);
    assertThat(read.getBody().get("priority").asInt()).isEqualTo(1);

    // a researcher can raise no limit, of their own session or any other, nor make one
    for (ResponseEntity<JsonNode> refused :
        List.of(
            call(researcher, "PATCH", "/sessions/" + own, Map.of("maxSteps", 1000)),
            call(researcher, "PATCH", "/sessions/" + own, Map.of("budgetDeviceSeconds", 99999999)),
            call(researcher, "PATCH", "/sessions/" + own, Map.of("priority", 100)),
            call(researcher, "POST", "/sessions/" + own + "/close", null),
            call(
                researcher,
                "POST",
                "/sessions",
                Map.of("name", "mine", "budgetDeviceSeconds", 99999999, "maxPixels", 4096 * 4096)),
            call(viewer, "POST", "/sessions", Map.of("name", "peek")),
            call(viewer, "PATCH", "/sessions/" + own, Map.of("maxSteps", 10)),
            call(viewer, "POST", "/sessions/" + own + "/reopen", null))) {
      expect(refused, 403);
      assertThat(refused.getBody().get("type").asString()).isEqualTo("/api/problems/forbidden");
    }
    assertThat(call(researcher, "GET", "/sessions/" + own, null).getBody().get("quota"))
        .isEqualTo(quota);
    expect(call(viewer, "GET", "/sessions", null), 200);
  }

  @Test
  void anAdministratorCreatesEditsClosesAndReopensSessions() {
    ResponseEntity<JsonNode> created =
        call(
            admin,
            "POST",
            "/sessions",
            Map.of(
                "name",
                "team " + System.nanoTime(),
                "shared",
                true,
                "priority",
                3,
                "maxSteps",
                200,
                "allowedModels",
                List.of("tiny-shapes")));
    expect(created, 201);
    long team = created.getBody().get("id").asLong();
    assertThat(created.getHeaders().getLocation()).hasToString("/api/v1/sessions/" + team);
    assertThat(created.getBody().get("ownerName").asString()).isEqualTo("admin");
    assertThat(created.getBody().get("priority").asInt()).isEqualTo(3);
    assertThat(created.getBody().get("quota").get("maxSteps").asInt()).isEqualTo(200);
    assertThat(created.getBody().get("quota").get("maxBatch").asInt())
        .as("unset limits take the default quota")
        .isEqualTo(4);
    assertThat(created.getBody().get("allowedModels").get(0).asString()).hasSize(64);
    // shared: a researcher sees it, and still cannot change it
    expect(call(researcher, "GET", "/sessions/" + team, null), 200);
    expect(call(researcher, "PATCH", "/sessions/" + team, Map.of("maxSteps", 1000)), 403);

    long own = researchersOwn();
    ResponseEntity<JsonNode> edited =
        call(admin, "PATCH", "/sessions/" + own, Map.of("maxSteps", 30, "priority", 5));
    expect(edited, 200);
    assertThat(edited.getBody().get("quota").get("maxSteps").asInt()).isEqualTo(30);
    assertThat(edited.getBody().get("quota").get("maxBatch").asInt()).as("untouched").isEqualTo(4);
    assertThat(edited.getBody().get("priority").asInt()).isEqualTo(5);

    Map<String, Object> bad = new HashMap<>();
    bad.put("name", " ");
    bad.put("priority", 0);
    bad.put("maxSteps", 0);
    bad.put("budgetDeviceSeconds", -1);
    ResponseEntity<JsonNode> refused = call(admin, "PATCH", "/sessions/" + own, bad);
    expect(refused, 400);
    List<String> fields = new ArrayList<>();
    refused.getBody().get("errors").forEach(e -> fields.add(e.get("field").asString()));
    assertThat(fields)
        .as("every bad field at once")
        .containsExactlyInAnyOrder("name", "priority", "maxSteps", "budgetDeviceSeconds");
    assertThat(
            call(admin, "GET", "/sessions/" + own, null)
                .getBody()
                .get("quota")
                .get("maxSteps")
                .asInt())
        .as("nothing changed")
        .isEqualTo(30);

    ResponseEntity<JsonNode> closed = call(admin, "POST", "/sessions/" + own + "/close", null);
    expect(closed, 200);
    assertThat(closed.getBody().get("closedAt").isNull()).isFalse();
    ResponseEntity<JsonNode> refusedJob =
        call(
            researcher,
            "POST",
            "/generations",
            Map.of("prompt", "a circle", "steps", 2, "sessionId", own));
    expect(refusedJob, 403);
    assertThat(refusedJob.getBody().get("type").asString())
        .isEqualTo("/api/problems/over-session-limit");
    assertThat(refusedJob.getBody().get("detail").asString()).contains("closed");

    ResponseEntity<JsonNode> reopened = call(admin, "POST", "/sessions/" + own + "/reopen", null);
    expect(reopened, 200);
    assertThat(reopened.getBody().get("closedAt").isNull()).isTrue();
    expect(call(admin, "PATCH", "/sessions/" + own, Map.of("maxSteps", 50)), 200);
    expect(call(admin, "PATCH", "/sessions/999999", Map.of("maxSteps", 50)), 404);
    expect(call(admin, "POST", "/sessions", Map.of("name", "x", "owner", "nobody")), 400);
  }

  @Test
  void aPrivateSessionIsNotFoundForOthers() {
    ResponseEntity<JsonNode> created =
        call(admin, "POST", "/sessions", Map.of("name", "admins only " + System.nanoTime()));
    long id = created.getBody().get("id").asLong();
    expect(call(researcher, "GET", "/sessions/" + id, null), 404);
    expect(call(researcher, "GET", "/sessions/" + id + "/usage", null), 404);
    expect(call(admin, "GET", "/sessions/" + id + "/usage", null), 200);
  }

  /**
   * The device is held by a long run of another session, so no job of this one can end (and make
   * room) while the 50 submissions arrive.
   */
  @Test
  void fiftyParallelSubmissionsAgainstRoomForTenAcceptExactlyTen() throws Exception {
    // room for the long run whatever the estimator has learnt from the runs before
    long blockerSession =
        call(
                admin,
                "POST",
                "/sessions",
                Map.of(
                    "name",
                    "blocker " + System.nanoTime(),
                    "maxSteps",
                    1000,
                    "budgetDeviceSeconds",
                    1e9))
            .getBody()
            .get("id")
            .asLong();
    ResponseEntity<JsonNode> longRun =
        call(
            admin,
            "POST",
            "/generations",
            Map.of(
                "prompt",
                "a long one",
                "steps",
                1000,
                "width",
                256,
                "height",
                256,
                "sessionId",
                blockerSession));
    expect(longRun, 202);
    long blocker = longRun.getBody().get("id").asLong();
    Awaitility.await("the long run holding the device")
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> call(admin, "GET", "/runs/" + blocker, null).getBody().get("status").asString(),
            "RUNNING"::equals);
    long session =
        call(
                admin,
                "POST",
                "/sessions",
                Map.of(
                    "name",
                    "room for ten " + System.nanoTime(),
                    "owner",
                    "researcher",
                    "maxConcurrentJobs",
                    10,
                    "budgetDeviceSeconds",
                    1e6))
            .getBody()
            .get("id")
            .asLong();

    List<ResponseEntity<JsonNode>> answers =
        SubmissionRace.submit(
            researcher,
            50,
            seed -> Map.of("prompt", "a circle", "seed", seed, "sessionId", session));

    List<ResponseEntity<JsonNode>> accepted = SubmissionRace.accepted(answers);
    List<ResponseEntity<JsonNode>> refused = SubmissionRace.refused(answers);
    try {
      assertThat(accepted).hasSize(10);
      assertThat(refused)
          .hasSize(40)
          .allSatisfy(answer -> SubmissionRace.assertNoRoomForAnotherJob(answer, 10));
      JsonNode usage = call(researcher, "GET", "/sessions/" + session + "/usage", null).getBody();
      assertThat(usage.get("activeJobs").asInt()).isEqualTo(10);
      assertThat(usage.get("reservedDeviceSeconds").asDouble()).isPositive();
      assertThat(usage.get("usedDeviceSeconds").asDouble()).isZero();
    } finally {
      for (ResponseEntity<JsonNode> run : accepted) {
        call(researcher, "POST", "/runs/" + run.getBody().get("id").asLong() + "/cancel", null);
      }
      call(admin, "POST", "/runs/" + blocker + "/cancel", null);
    }
    JsonNode released = call(researcher, "GET", "/sessions/" + session + "/usage", null).getBody();
    assertThat(released.get("activeJobs").asInt()).as("cancelled in the queue").isZero();
    assertThat(released.get("reservedDeviceSeconds").asDouble()).isZero();
    assertThat(released.get("usedDeviceSeconds").asDouble()).isZero();
    JsonNode stopped = ApiClients.awaitFinished(admin, blocker);
    assertThat(stopped.get("status").asString()).isEqualTo("CANCELLED");
    JsonNode charged = call(admin, "GET", "/sessions/" + blockerSession + "/usage", null).getBody();
    assertThat(charged.get("reservedDeviceSeconds").asDouble()).isZero();
    assertThat(charged.get("usedDeviceSeconds").asDouble())
        .as("the stopped run is charged what it used")
        .isEqualTo(stopped.get("deviceSeconds").asDouble())
        .isPositive();
  }
}
