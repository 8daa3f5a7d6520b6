package com.diffusionlab.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.diffusionlab.TestSessions;
import com.diffusionlab.TestUsers;
import com.diffusionlab.WorkspaceTestSupport;
import com.diffusionlab.engine.image.GenerationInfotext;
import com.diffusionlab.engine.image.Infotext;
import com.diffusionlab.engine.image.PngText;
import com.diffusionlab.engine.image.PngWriter;
import com.diffusionlab.engine.image.RgbImage;
import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.sessions.Quota;
import com.diffusionlab.sessions.SessionService;
import com.diffusionlab.tracking.RunService;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/** The REST API over HTTP: the contract clients rely on, and the same rules as the UI. */
class WorkspaceApiIT extends WorkspaceTestSupport {

  @LocalServerPort int port;
  @Autowired IdentityService identity;
  @Autowired SessionService sessions;
  @Autowired RunService runs;

  private RestClient as(String user, String password) {
    return ApiClients.as(port, user, password);
  }

  @BeforeEach
  void users() {
    ApiClients.ensureUsers(identity);
  }

  private RestClient researcher() {
    return as("researcher", TestUsers.PASSWORD);
  }

  private static Map<String, Object> generation(long seed) {
    return Map.of(
        "model",
        "tiny-sd1",
        "prompt",
        "a photo of a red cat",
        "seed",
        seed,
        "steps",
        3,
        "width",
        16,
        "height",
        16);
  }

  private long submitted(Map<String, Object> generation) {
    return ApiClients.submit(researcher(), generation);
  }

  private JsonNode awaitFinished(long id) {
    return ApiClients.awaitFinished(researcher(), id);
  }

  @Test
  void aGenerationIsAcceptedRunsAndIsServedAsPng() {
    ResponseEntity<JsonNode> accepted =
        researcher()
            .post()
            .uri("/generations")
            .contentType(MediaType.APPLICATION_JSON)
            .body(generation(11))
            .retrieve()
            .toEntity(JsonNode.class);
    assertThat(accepted.getStatusCode().value())
        .as(String.valueOf(accepted.getBody()))
        .isEqualTo(202);
    long id = accepted.getBody().get("id").asLong();
    JsonNode run = awaitFinished(id);
    assertThat(run.get("status").asString()).isEqualTo("SUCCEEDED");
    assertThat(run.get("timings").get("steps")).hasSize(3);
    assertThat(run.get("peakRssBytes").asLong()).isPositive();
    assertThat(run.get("settings").get("model").asString()).hasSize(64);
    String sha = run.get("outputs").get(0).get("sha256").asString();
    ResponseEntity<byte[]> image =
        researcher().get().uri("/artifacts/{sha}", sha).retrieve().toEntity(byte[].class);
    assertThat(image.getHeaders().getContentType()).isEqualTo(MediaType.IMAGE_PNG);
    assertThat(image.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(com.diffusionlab.engine.Sha256.of(image.getBody())).isEqualTo(sha);
    assertThat(
            researcher()
                .get()
                .uri("/artifacts/{sha}", "../../etc/passwd")
                .retrieve()
                .toBodilessEntity()
                .getStatusCode()
                .value())
        .isIn(400, 404);
  }

  @Test
  void badFieldsAre400WithFieldValueAndRangeAndNothingIsQueued() {
    long before =
        runs.search("", sessionIds(), org.springframework.data.domain.PageRequest.of(0, 1))
            .getTotalElements();
    ResponseEntity<JsonNode> rejected =
        researcher()
            .post()
            .uri("/generations")
            .contentType(MediaType.APPLICATION_JSON)
            .body(
                Map.of(
                    "model",
                    "tiny-sd1",
                    "prompt",
                    "x",
                    "steps",
                    0,
                    "width",
                    20,
                    "sampler",
                    "magic"))
            .retrieve()
            .toEntity(JsonNode.class);
    assertThat(rejected.getStatusCode().value()).isEqualTo(400);
    JsonNode errors = rejected.getBody().get("errors");
    assertThat(errors.toString())
        .contains("\"field\":\"steps\"")
        .contains("\"value\":\"0\"")
        .contains("1 to 1000");
    assertThat(errors.toString()).contains("\"field\":\"width\"").contains("\"field\":\"sampler\"");
    ResponseEntity<JsonNode> unknownModel =
        researcher()
            .post()
            .uri("/generations")
            .contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("model", "no-such-model", "prompt", "x"))
            .retrieve()
            .toEntity(JsonNode.class);
    assertThat(unknownModel.getBody().toString()).contains("model").contains("tiny-sd1");
    long after =
        runs.search("", sessionIds(), org.springframework.data.domain.PageRequest.of(0, 1))
            .getTotalElements();
    assertThat(after).isEqualTo(before);
  }

  private List<Long> sessionIds() {
    return sessions.visibleTo(identity.find("researcher").orElseThrow()).stream()
        .map(s -> s.id())
        .toList();
  }

  @Test
  void viewersLookButCannotGenerateAndStrangersAreTurnedAway() {
    RestClient viewer = as("viewer", TestUsers.PASSWORD);
    assertThat(
            viewer
                .post()
                .uri("/generations")
                .contentType(MediaType.APPLICATION_JSON)
                .body(generation(1))
                .retrieve()
                .toBodilessEntity()
                .getStatusCode()
                .value())
        .isEqualTo(403);
    assertThat(viewer.get().uri("/models").retrieve().toBodilessEntity().getStatusCode().value())
        .isEqualTo(200);
    assertThat(
            as("viewer", "wrong")
                .get()
                .uri("/models")
                .retrieve()
                .toBodilessEntity()
                .getStatusCode()
                .value())
        .isEqualTo(401);
    assertThat(
            RestClient.create("http://localhost:" + port + "/api/v1/runs")
                .get()
                .retrieve()
                .onStatus(HttpStatusCode::isError, (q, r) -> {})
                .toBodilessEntity()
                .getStatusCode()
                .value())
        .isEqualTo(401);
  }

  @Test
  void aReplayRecordsItsParentAndReproducesExactly() {
    long id = submitted(generation(21));
    awaitFinished(id);
    ResponseEntity<JsonNode> replay =
        researcher().post().uri("/runs/{id}/replay", id).retrieve().toEntity(JsonNode.class);
    assertThat(replay.getStatusCode().value()).isEqualTo(202);
    JsonNode done = awaitFinished(replay.getBody().get("id").asLong());
    assertThat(done.get("parentId").asLong()).isEqualTo(id);
    assertThat(done.get("reproducedExactly").asBoolean()).as(done.toString()).isTrue();
    assertThat(done.get("settings").get("seed").asLong()).isEqualTo(21);
  }

  @Test
  void theCommandLineReplaysARunOnTheServer() {
    long id = submitted(generation(61));
    awaitFinished(id);
    java.io.StringWriter out = new java.io.StringWriter();
    picocli.CommandLine cli = com.diffusionlab.cli.DlabCommandAccess.commandLine();
    cli.setOut(new java.io.PrintWriter(out));
    int exit =
        cli.execute(
            "replay",
            Long.toString(id),
            "--server",
            "http://localhost:" + port,
            "--user",
            "researcher",
            "--password",
            TestUsers.PASSWORD);
    assertThat(exit).as(out.toString()).isZero();
    assertThat(out.toString())
        .contains("\"reproducedExactly\":true")
        .contains("\"parentId\":" + id);
  }

  @Test
  void runsAreFoundByQueryAndBadQueriesPointAtThePosition() {
    long id = submitted(generation(31));
    awaitFinished(id);
    researcher()
        .put()
        .uri("/runs/{id}/tags", id)
        .contentType(MediaType.APPLICATION_JSON)
        .body(Set.of("keeper"))
        .retrieve()
        .toBodilessEntity();
    JsonNode page =
        researcher()
            .get()
            .uri("/runs?query={q}", "tag = keeper and seed = 31 and prompt ~ 'cat'")
            .retrieve()
            .body(JsonNode.class);
    assertThat(page.get("totalElements").asLong()).isEqualTo(1);
    assertThat(page.get("content").get(0).get("id").asLong()).isEqualTo(id);
    ResponseEntity<JsonNode> bad =
        researcher().get().uri("/runs?query={q}", "cfg >> 7").retrieve().toEntity(JsonNode.class);
    assertThat(bad.getStatusCode().value()).isEqualTo(400);
    assertThat(bad.getBody().get("position").asInt()).isEqualTo(6);
  }

  @Test
  void aModelsCardSetsTheDefaultsOfItsGenerations() {
    JsonNode bundled =
        researcher()
            .get()
            .uri("/defaults?model={m}", "tiny-shapes")
            .retrieve()
            .body(JsonNode.class);
    assertThat(bundled.get("cfg").asDouble()).as("its card recommends 3").isEqualTo(3.0);
    assertThat(bundled.get("steps").asInt()).isEqualTo(20);
    assertThat(bundled.get("sampler").asString()).isEqualTo("euler");
    assertThat(bundled.get("width").asInt()).isEqualTo(64);
    JsonNode plain =
        researcher().get().uri("/defaults?model={m}", "tiny-sd1").retrieve().body(JsonNode.class);
    assertThat(plain.get("cfg").asDouble()).as("no card: dlab.defaults.cfg").isEqualTo(7.0);
    JsonNode models = researcher().get().uri("/models").retrieve().body(JsonNode.class);
    assertThat(models.findValues("recommended"))
        .anySatisfy(card -> assertThat(card.get("cfg").asDouble()).isEqualTo(3.0));

    Map<String, Object> omitted =
        Map.of("model", "tiny-shapes", "prompt", "a red ring", "steps", 2);
    JsonNode run =
        researcher()
            .post()
            .uri("/generations")
            .contentType(MediaType.APPLICATION_JSON)
            .body(omitted)
            .retrieve()
            .body(JsonNode.class);
    assertThat(run.get("settings").get("cfg").asDouble()).isEqualTo(3.0);
    assertThat(run.get("settings").get("steps").asInt()).as("given").isEqualTo(2);
    researcher()
        .post()
        .uri("/runs/{id}/cancel", run.get("id").asLong())
        .retrieve()
        .toBodilessEntity();

    ResponseEntity<String> unknown =
        researcher().get().uri("/defaults?model={m}", "nope").retrieve().toEntity(String.class);
    assertThat(unknown.getStatusCode().value()).isEqualTo(400);
    assertThat(unknown.getBody()).contains("model").contains("nope");
  }

  @Test
  void sessionLimitsRefuseAJobOutrightBeforeQueueing() {
    var owner = identity.find("researcher").orElseThrow();
    var tight =
        TestSessions.create(
            sessions, owner, "tight " + System.nanoTime(), new Quota(100, 1, 64 * 64, 2, 1));
    Map<String, Object> body = new java.util.HashMap<>(generation(1));
    body.put("sessionId", tight.id());
    ResponseEntity<JsonNode> rejected =
        researcher()
            .post()
            .uri("/generations")
            .contentType(MediaType.APPLICATION_JSON)
            .body(body)
            .retrieve()
            .toEntity(JsonNode.class);
    // waiting does not help: 403, naming the limit and the figures
    assertThat(rejected.getStatusCode().value()).isEqualTo(403);
    assertThat(rejected.getBody().get("type").asString())
        .isEqualTo("/api/problems/over-session-limit");
    assertThat(rejected.getBody().get("detail").asString())
        .contains("steps=3")
        .contains("at most 2");
    assertThat(rejected.getBody().get("limit").get("name").asString()).isEqualTo("maxSteps");
    assertThat(rejected.getBody().get("limit").get("allowed").asInt()).isEqualTo(2);
    assertThat(rejected.getBody().get("limit").get("requested").asInt()).isEqualTo(3);
    assertThat(rejected.getHeaders().containsHeader("Retry-After")).isFalse();
  }

  @Test
  void pngsFromHereAndFromAutomatic1111ImportIntoParameters() {
    long id = submitted(generation(41));
    String sha = awaitFinished(id).get("outputs").get(0).get("sha256").asString();
    byte[] ours = researcher().get().uri("/artifacts/{sha}", sha).retrieve().body(byte[].class);
    JsonNode fromUs = upload("/imports", ours);
    assertThat(fromUs.get("source").asString()).isEqualTo("diffusion-lab");
    assertThat(fromUs.get("settings").get("seed").asLong()).isEqualTo(41);
    assertThat(fromUs.get("modelFound").asBoolean()).isTrue();

    GenerationInfotext a1111 =
        Infotext.parse(
            "a cat\nNegative prompt: blurry\nSteps: 12, Sampler: DPM++ 2M, Schedule type: Karras, CFG scale: 6.5, Seed: 99, Size: 16x16, Model hash: 0123456789, Model: elsewhere, Hires upscale: 2, Version: v1.10.1");
    byte[] theirs =
        new PngWriter()
            .encode(
                new RgbImage(2, 2, new byte[12]),
                List.of(PngText.of("parameters", Infotext.format(a1111))));
    JsonNode fromA1111 = upload("/imports", theirs);
    assertThat(fromA1111.get("source").asString()).isEqualTo("automatic1111");
    assertThat(fromA1111.get("settings").get("steps").asInt()).isEqualTo(12);
    assertThat(fromA1111.get("settings").get("sampler").asString()).isEqualTo("DPM++ 2M");
    assertThat(fromA1111.get("settings").get("schedule").asString()).isEqualTo("Karras");
    assertThat(fromA1111.get("unknownFields").toString()).contains("Hires upscale");
    assertThat(fromA1111.get("modelFound").asBoolean()).isFalse();
  }

  @Test
  void anUploadedImageDrivesImageToImage() {
    byte[] png = new PngWriter().encode(new RgbImage(16, 16, new byte[16 * 16 * 3]), List.of());
    String init = upload("/artifacts", png).get("sha256").asString();
    Map<String, Object> body = new java.util.HashMap<>(generation(51));
    body.put("initImage", init);
    body.put("strength", 0.5);
    JsonNode run = awaitFinished(submitted(body));
    assertThat(run.get("status").asString()).isEqualTo("SUCCEEDED");
    assertThat(run.get("settings").get("initImage").asString()).isEqualTo(init);
    assertThat(upload("/artifacts", "not an image".getBytes()).toString()).contains("file");
  }

  @Test
  void brokenModelsAreListedWithTheirError() {
    JsonNode models = researcher().get().uri("/models").retrieve().body(JsonNode.class);
    assertThat(models.toString()).contains("tiny-sd1").contains("BROKEN");
  }

  private JsonNode upload(String path, byte[] bytes) {
    LinkedMultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
    form.add(
        "file",
        new ByteArrayResource(bytes) {
          @Override
          public String getFilename() {
            return "upload.png";
          }
        });
    return researcher()
        .post()
        .uri(path)
        .contentType(MediaType.MULTIPART_FORM_DATA)
        .body(form)
        .retrieve()
        .body(JsonNode.class);
  }
}
