package com.diffusionlab.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.diffusionlab.engine.TinyModels;
import com.diffusionlab.models.ApprovalStatus;
import com.diffusionlab.models.ModelRegistry;
import com.diffusionlab.models.ModelVersion;
import com.diffusionlab.sessions.SessionService;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/**
 * Model governance over REST: model versions found after the first start are drafts that only
 * sandbox sessions run; administrators approve them (which runs the golden-prompt sweep) and retire
 * them, every move with who, when and why; a model file changed after registration is refused
 * before anything is charged and becomes a new draft at the next scan; no answer names a server
 * path.
 */
class ModelGovernanceIT extends ApiTestSupport {
  // each test's model copy differs from the others at another byte: another version
  private static final AtomicInteger BYTES = new AtomicInteger(10);

  @Autowired SessionService sessions;
  @Autowired ModelRegistry registry;

  /** A model folder new to the registry, found by a rescan: a draft. */
  private ModelVersion newModel(String name) throws IOException {
    TinyModels.copyOf("tiny-sd1", modelsFolder().resolve(name));
    TinyModels.changeAByte(modelsFolder().resolve(name), BYTES.getAndIncrement(), false);
    return rescanned(name);
  }

  private ModelVersion rescanned(String location) {
    return registry.rescan().stream()
        .filter(v -> v.location().equals(location) && v.available())
        .findFirst()
        .orElseThrow();
  }

  private static Map<String, Object> generation(ModelVersion model, Long sessionId) {
    Map<String, Object> body = new HashMap<>();
    body.put("model", model.contentHash());
    body.put("prompt", "a photo of a red cat");
    body.put("steps", 2);
    body.put("width", 16);
    body.put("height", 16);
    if (sessionId != null) {
      body.put("sessionId", sessionId);
    }
    return body;
  }

  private long researchersOwn() {
    return sessions.defaultFor(identity.find("researcher").orElseThrow()).id();
  }

  /** A sandbox session of the researcher's that an administrator allowed drafts in. */
  private long sandbox() {
    JsonNode created =
        expect(
            call(
                admin,
                "POST",
                "/sessions",
                Map.of(
                    "name",
                    "sandbox " + System.nanoTime(),
                    "owner",
                    "researcher",
                    "draftsAllowed",
                    true)),
            201);
    assertThat(created.get("draftsAllowed").asBoolean()).isTrue();
    return created.get("id").asLong();
  }

  /** What a session has used and reserved, and its jobs: unchanged means nothing was charged. */
  private String charged(long sessionId) {
    JsonNode usage = expect(call(admin, "GET", "/sessions/" + sessionId + "/usage", null), 200);
    return usage.get("usedDeviceSeconds").asDouble()
        + " used, "
        + usage.get("reservedDeviceSeconds").asDouble()
        + " reserved, "
        + usage.get("activeJobs").asLong()
        + " jobs";
  }

  private JsonNode approve(ModelVersion version, String reason) {
    return expect(
        call(admin, "POST", "/models/" + version.id() + "/approve", Map.of("reason", reason)), 200);
  }

  private void awaitSweep(long sweepId) {
    Awaitility.await("golden sweep " + sweepId)
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () ->
                expect(call(admin, "GET", "/sweeps/" + sweepId, null), 200)
                    .get("sweep")
                    .get("status")
                    .asString(),
            status -> !status.equals("RUNNING") && !status.equals("QUEUED"));
  }

  @Test
  void aNewModelIsADraftThatOnlySandboxSessionsRun() throws IOException {
    ModelVersion draft = newModel("governed-draft");
    assertThat(draft.approval()).isEqualTo(ApprovalStatus.DRAFT);
    long own = researchersOwn();
    String before = charged(own);

    JsonNode refused =
        expect(call(researcher, "POST", "/generations", generation(draft, own)), 400);

    assertThat(refused.get("errors").get(0).get("field").asString()).isEqualTo("model");
    assertThat(refused.toString())
        .contains(draft.label())
        .contains("DRAFT")
        .contains("approved versions only");
    assertThat(charged(own)).as("nothing charged").isEqualTo(before);

    long sandbox = sandbox();
    JsonNode accepted =
        expect(call(researcher, "POST", "/generations", generation(draft, sandbox)), 202);
    assertThat(
            ApiClients.awaitFinished(researcher, accepted.get("id").asLong())
                .get("status")
                .asString())
        .isEqualTo("SUCCEEDED");
  }

  @Test
  void approvalRunsTheGoldenSweepAndRecordsWhoWhenAndWhy() throws IOException {
    ModelVersion draft = newModel("governed-approved");

    expect(
        call(
            researcher,
            "POST",
            "/models/" + draft.id() + "/approve",
            Map.of("reason", "looks fine to me")),
        403);
    JsonNode noReason =
        expect(
            call(admin, "POST", "/models/" + draft.id() + "/approve", Map.of("reason", " ")), 400);
    assertThat(noReason.get("errors").get(0).get("field").asString()).isEqualTo("reason");
    assertThat(registry.require(draft.id()).approval()).isEqualTo(ApprovalStatus.DRAFT);

    JsonNode approval = approve(draft, "draws the golden prompts as well as tiny-sd1");

    assertThat(approval.get("change").get("from").asString()).isEqualTo("DRAFT");
    assertThat(approval.get("change").get("to").asString()).isEqualTo("APPROVED");
    assertThat(approval.get("change").get("actor").asString()).isEqualTo("admin");
    long sweep = approval.get("goldenSweepId").asLong();
    JsonNode grid = expect(call(admin, "GET", "/sweeps/" + sweep, null), 200);
    assertThat(grid.get("cells")).hasSize(8);
    assertThat(grid.get("sweep").get("definition").asString()).contains(draft.contentHash());

    JsonNode history =
        expect(call(researcher, "GET", "/models/" + draft.id() + "/history", null), 200);
    assertThat(history).hasSize(1);
    assertThat(history.get(0).get("change").get("reason").asString())
        .isEqualTo("draws the golden prompts as well as tiny-sd1");
    assertThat(history.get(0).get("goldenSweepId").asLong()).isEqualTo(sweep);
    assertThat(
            expect(call(researcher, "GET", "/models/" + draft.id() + "/golden", null), 200)
                .get("goldenSweepId")
                .asLong())
        .isEqualTo(sweep);

    expect(call(researcher, "POST", "/generations", generation(draft, researchersOwn())), 202);
    JsonNode again =
        expect(
            call(admin, "POST", "/models/" + draft.id() + "/approve", Map.of("reason", "twice")),
            400);
    assertThat(again.toString()).contains("APPROVED").contains("RETIRED");
    awaitSweep(sweep);
  }

  @Test
  void theModelsListTellsApprovalAndNoServerPaths() throws IOException {
    ModelVersion draft = newModel("governed-listed");

    ResponseEntity<String> listed =
        researcher.get().uri("/models").retrieve().toEntity(String.class);

    String absolute = modelsFolder().toAbsolutePath().toString();
    assertThat(listed.getBody())
        .contains("\"location\":\"governed-listed\"")
        .contains("\"approval\":\"DRAFT\"")
        .contains("\"approval\":\"APPROVED\"")
        .doesNotContain(absolute)
        .doesNotContain("\"path\"");
    JsonNode broken =
        expect(call(researcher, "POST", "/generations", Map.of("model", "missing-model")), 400);
    assertThat(broken.toString()).doesNotContain(absolute);
    assertThat(draft.location()).isEqualTo("governed-listed");
  }

  @Test
  void aModelFileChangedAfterRegistrationIsRefusedAndBecomesANewDraft() throws IOException {
    ModelVersion registered = newModel("governed-changed");
    long firstSweep = approve(registered, "first version").get("goldenSweepId").asLong();
    awaitSweep(firstSweep);
    long own = researchersOwn();
    String before = charged(own);

    TinyModels.changeAByte(modelsFolder().resolve("governed-changed"), 0, false);
    JsonNode refused =
        expect(call(researcher, "POST", "/generations", generation(registered, own)), 400);

    assertThat(refused.get("errors").get(0).get("field").asString()).isEqualTo("model");
    assertThat(refused.toString())
        .contains(registered.label())
        .contains("changed after registration")
        .contains("governed-changed")
        .doesNotContain(modelsFolder().toAbsolutePath().toString());
    assertThat(charged(own)).as("nothing charged").isEqualTo(before);

    ModelVersion changed = rescanned("governed-changed");
    assertThat(changed.contentHash()).isNotEqualTo(registered.contentHash());
    assertThat(changed.approval()).isEqualTo(ApprovalStatus.DRAFT);
    assertThat(changed.name()).isEqualTo(registered.name());
    assertThat(registry.require(registered.id()).status()).isEqualTo(ModelVersion.MISSING);

    long secondSweep = approve(changed, "second version").get("goldenSweepId").asLong();
    JsonNode golden = expect(call(admin, "GET", "/models/" + changed.id() + "/golden", null), 200);
    assertThat(golden.get("goldenSweepId").asLong()).isEqualTo(secondSweep);
    assertThat(golden.get("previous").get("id").asLong()).isEqualTo(registered.id());
    assertThat(golden.get("previousSweepId").asLong()).isEqualTo(firstSweep);
    awaitSweep(secondSweep);
  }

  @Test
  void aRetiredVersionRunsNoNewGenerationAndReplaysOnlyInSandboxes() throws IOException {
    ModelVersion draft = newModel("governed-retired");
    long sandbox = sandbox();
    long original =
        expect(call(researcher, "POST", "/generations", generation(draft, sandbox)), 202)
            .get("id")
            .asLong();
    ApiClients.awaitFinished(researcher, original);

    expect(
        call(
            researcher,
            "POST",
            "/models/" + draft.id() + "/retire",
            Map.of("reason", "not mine to retire")),
        403);
    JsonNode rejected =
        expect(
            call(
                admin,
                "POST",
                "/models/" + draft.id() + "/retire",
                Map.of("reason", "draws squares as circles")),
            200);
    assertThat(rejected.get("change").get("to").asString()).isEqualTo("RETIRED");

    JsonNode refused =
        expect(call(researcher, "POST", "/generations", generation(draft, sandbox)), 400);
    assertThat(refused.toString()).contains("RETIRED").contains("no new generation");
    long replay =
        expect(call(researcher, "POST", "/runs/" + original + "/replay", null), 202)
            .get("id")
            .asLong();
    ApiClients.awaitFinished(researcher, replay);

    expect(call(admin, "PATCH", "/sessions/" + sandbox, Map.of("draftsAllowed", false)), 200);
    JsonNode notHere = expect(call(researcher, "POST", "/runs/" + original + "/replay", null), 400);
    assertThat(notHere.toString()).contains("RETIRED").contains("sandbox");
    List<String> moves =
        expect(call(admin, "GET", "/models/" + draft.id() + "/history", null), 200)
            .valueStream()
            .map(m -> m.get("change").get("to").asString())
            .toList();
    assertThat(moves).containsExactly("RETIRED");
    expect(
        call(admin, "POST", "/models/" + draft.id() + "/retire", Map.of("reason", "again")), 400);
  }
}
