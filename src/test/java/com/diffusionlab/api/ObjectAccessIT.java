package com.diffusionlab.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.diffusionlab.TestSessions;
import com.diffusionlab.TestUsers;
import com.diffusionlab.WorkspaceTestSupport;
import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.identity.LabUser;
import com.diffusionlab.identity.Role;
import com.diffusionlab.sessions.PlaygroundSession;
import com.diffusionlab.sessions.Quota;
import com.diffusionlab.sessions.SessionChanges;
import com.diffusionlab.sessions.SessionService;
import com.diffusionlab.tracking.NewRun;
import com.diffusionlab.tracking.RunEstimate;
import com.diffusionlab.tracking.RunSeeder;
import com.diffusionlab.tracking.RunService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The object-level rules over REST, cell by cell: every role (an administrator, the objects' owner,
 * another researcher, a viewer) against every object-level action, on objects in the owner's
 * private session (of which the others are no members) and in a shared session (of which everyone
 * is). The expected answers are written out here, apart from the rules in the code, and a refused
 * action must leave the object as it was. docs/security.md states the same table.
 */
class ObjectAccessIT extends WorkspaceTestSupport {

  /** Who calls: the columns of the table. */
  enum Caller {
    ADMIN,
    OWNER,
    RESEARCHER,
    VIEWER
  }

  /** Where the object lives. */
  enum Place {
    PRIVATE,
    SHARED
  }

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort int port;
  @Autowired IdentityService identity;
  @Autowired SessionService sessions;
  @Autowired RunService runService;
  @Autowired JdbcTemplate jdbc;

  private final String suffix = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
  private final Map<Caller, RestClient> clients = new LinkedHashMap<>();
  private final Map<Place, Fixture> fixtures = new LinkedHashMap<>();
  private final Map<String, Long> queued = new LinkedHashMap<>();
  private int uploads;
  private LabUser owner;

  /** The owner's objects in one place. */
  private record Fixture(
      PlaygroundSession session, long run, String image, long experiment, String upload) {}

  /** One action: the call, what it answers each caller, and what must not change when refused. */
  private record Row(
      String action,
      Place place,
      Map<Caller, Integer> expected,
      Function<Caller, ResponseEntity<JsonNode>> call,
      Function<Caller, Object> state) {}

  private static Map<Caller, Integer> answers(int admin, int owner, int researcher, int viewer) {
    Map<Caller, Integer> expected = new LinkedHashMap<>();
    expected.put(Caller.ADMIN, admin);
    expected.put(Caller.OWNER, owner);
    expected.put(Caller.RESEARCHER, researcher);
    expected.put(Caller.VIEWER, viewer);
    return expected;
  }

  @TestFactory
  Stream<DynamicTest> everyRoleAgainstEveryObjectLevelAction() {
    setUp();
    List<Row> rows = new ArrayList<>();
    for (Place place : Place.values()) {
      Fixture f = fixtures.get(place);
      boolean shared = place == Place.SHARED;
      // a private object does not exist for those who may not see it: 404, as for a missing one;
      // what they may see but not change answers 403; a viewer is refused every change with 403
      int seen = shared ? 200 : 404;
      int refused = shared ? 403 : 404;
      rows.add(
          new Row(
              "read the run",
              place,
              answers(200, 200, seen, seen),
              caller -> call(caller, "GET", "/runs/" + f.run(), null),
              caller -> null));
      rows.add(
          new Row(
              "read the run's history",
              place,
              answers(200, 200, seen, seen),
              caller -> call(caller, "GET", "/runs/" + f.run() + "/transitions", null),
              caller -> null));
      rows.add(
          new Row(
              "read the run's place in the queue",
              place,
              answers(200, 200, seen, seen),
              caller -> call(caller, "GET", "/runs/" + f.run() + "/queue", null),
              caller -> null));
      rows.add(
          new Row(
              "tag the run",
              place,
              answers(200, 200, refused, 403),
              caller -> call(caller, "PUT", "/runs/" + f.run() + "/tags", List.of("by-" + caller)),
              caller -> runService.find(f.run()).orElseThrow().tags()));
      rows.add(
          new Row(
              "annotate the run",
              place,
              answers(200, 200, refused, 403),
              caller -> notes(caller, f.run(), "notes of " + caller),
              caller -> runService.find(f.run()).orElseThrow().notes()));
      rows.add(
          new Row(
              "cancel the run",
              place,
              answers(200, 200, refused, 403),
              caller -> call(caller, "POST", "/runs/" + queued(place, caller) + "/cancel", null),
              caller -> runService.find(queued(place, caller)).orElseThrow().status()));
      rows.add(
          new Row(
              "replay the run",
              place,
              answers(202, 202, shared ? 202 : 404, 403),
              caller -> call(caller, "POST", "/runs/" + f.run() + "/replay", null),
              caller -> runService.children(f.run()).size()));
      rows.add(
          new Row(
              "download the run's image",
              place,
              answers(200, 200, seen, seen),
              caller -> call(caller, "GET", "/artifacts/" + f.image(), null),
              caller -> null));
      rows.add(
          new Row(
              "download an image the owner uploaded",
              place,
              answers(200, 200, 404, 404),
              caller -> call(caller, "GET", "/artifacts/" + f.upload(), null),
              caller -> null));
      rows.add(
          new Row(
              "compare the run's image with itself",
              place,
              answers(200, 200, shared ? 200 : 400, shared ? 200 : 400),
              caller ->
                  call(
                      caller, "GET", "/image-differences?a=" + f.image() + "&b=" + f.image(), null),
              caller -> null));
      rows.add(
          new Row(
              "read the session",
              place,
              answers(200, 200, seen, seen),
              caller -> call(caller, "GET", "/sessions/" + f.session().id(), null),
              caller -> null));
      rows.add(
          new Row(
              "read the session's usage",
              place,
              answers(200, 200, seen, seen),
              caller -> call(caller, "GET", "/sessions/" + f.session().id() + "/usage", null),
              caller -> null));
      rows.add(
          new Row(
              "generate in the session",
              place,
              answers(202, 202, shared ? 202 : 404, 403),
              caller -> call(caller, "POST", "/generations", generation(f.session().id(), null)),
              caller -> runsIn(f.session())));
      rows.add(
          new Row(
              "generate from an image the owner uploaded just now",
              place,
              answers(202, 202, 400, 403),
              // a fresh image for each caller: once a run in a session uses an image, every
              // member of the session may read it, and so use it too
              caller ->
                  call(caller, "POST", "/generations", generation(f.session().id(), upload())),
              caller -> runsIn(f.session())));
      rows.add(
          new Row(
              "change the session",
              place,
              answers(200, 403, 403, 403),
              caller ->
                  call(
                      caller,
                      "PATCH",
                      "/sessions/" + f.session().id(),
                      Map.of("name", "renamed by " + caller + " " + suffix)),
              caller -> sessions.find(f.session().id()).orElseThrow().name()));
      rows.add(
          new Row(
              "read the experiment",
              place,
              answers(200, 200, seen, seen),
              caller -> call(caller, "GET", "/experiments/" + f.experiment(), null),
              caller -> null));
      rows.add(
          new Row(
              "change the experiment",
              place,
              answers(200, 200, refused, 403),
              caller ->
                  call(
                      caller,
                      "PATCH",
                      "/experiments/" + f.experiment(),
                      Map.of("description", "described by " + caller)),
              caller ->
                  call(Caller.ADMIN, "GET", "/experiments/" + f.experiment(), null).getBody()));
      rows.add(
          new Row(
              "export the experiment",
              place,
              answers(200, 200, seen, seen),
              caller ->
                  call(caller, "GET", "/exports?format=csv&experiment=" + f.experiment(), null),
              caller -> null));
    }
    return rows.stream()
        .flatMap(
            row ->
                row.expected().entrySet().stream()
                    .map(
                        cell ->
                            DynamicTest.dynamicTest(
                                row.action()
                                    + " in a "
                                    + row.place()
                                    + " session as "
                                    + cell.getKey(),
                                () -> check(row, cell.getKey(), cell.getValue()))));
  }

  private void check(Row row, Caller caller, int expected) {
    Object before = row.state().apply(caller);
    ResponseEntity<JsonNode> answer = row.call().apply(caller);
    assertThat(answer.getStatusCode().value())
        .as("%s in a %s session as %s: %s", row.action(), row.place(), caller, answer.getBody())
        .isEqualTo(expected);
    if (expected >= 400) {
      assertThat(row.state().apply(caller)).as("what a refused call left").isEqualTo(before);
    }
  }

  private void setUp() {
    ApiClients.ensureUsers(identity);
    owner = TestUsers.ensure(identity, "olive" + suffix, Role.RESEARCHER);
    TestUsers.ensure(identity, "mark" + suffix, Role.RESEARCHER);
    TestUsers.ensure(identity, "vera" + suffix, Role.VIEWER);
    clients.put(Caller.ADMIN, ApiClients.as(port, "admin", ADMIN_PASSWORD));
    clients.put(Caller.OWNER, ApiClients.as(port, owner.username(), TestUsers.PASSWORD));
    clients.put(Caller.RESEARCHER, ApiClients.as(port, "mark" + suffix, TestUsers.PASSWORD));
    clients.put(Caller.VIEWER, ApiClients.as(port, "vera" + suffix, TestUsers.PASSWORD));
    // room for every submission the table makes
    Quota roomy = new Quota(1e6, 64, 512 * 512, 50, 4);
    for (Place place : Place.values()) {
      PlaygroundSession session =
          TestSessions.create(
              sessions,
              owner,
              SessionChanges.of(place + " " + suffix, roomy).withShared(place == Place.SHARED));
      String upload = upload();
      long run =
          ApiClients.submit(
              clients.get(Caller.OWNER),
              // images are stored by content: each place's run makes an image of its own
              generation(session.id(), null, "access " + place, 11 + place.ordinal()));
      JsonNode finished = ApiClients.awaitFinished(clients.get(Caller.OWNER), run);
      assertThat(finished.get("status").asString()).isEqualTo("SUCCEEDED");
      String image = finished.get("outputs").get(0).get("sha256").asString();
      long experiment = finished.get("experiments").get(0).get("id").asLong();
      fixtures.put(place, new Fixture(session, run, image, experiment, upload));
    }
  }

  /**
   * A run of the owner's for one caller to cancel, queued without a job (no worker takes it, so it
   * stays queued unless cancelled).
   */
  private long queued(Place place, Caller caller) {
    return queued.computeIfAbsent(place + " " + caller, key -> queuedRun(fixtures.get(place)));
  }

  private long queuedRun(Fixture fixture) {
    PlaygroundSession session = fixture.session();
    return runService
        .create(
            new NewRun(
                session.id(),
                "to cancel",
                null,
                owner.id(),
                null,
                RunSeeder.settings(1),
                1.0,
                RunEstimate.NONE))
        .id();
  }

  private long runsIn(PlaygroundSession session) {
    return Objects.requireNonNull(
        jdbc.queryForObject(
            "select count(*) from runs where session_id = ?", Long.class, session.id()));
  }

  /** An image the owner uploads, different from every other one uploaded before. */
  private String upload() {
    int seed = ++uploads;
    java.awt.image.BufferedImage image =
        new java.awt.image.BufferedImage(16, 16, java.awt.image.BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 16; y++) {
      for (int x = 0; x < 16; x++) {
        image.setRGB(x, y, suffix.hashCode() + 0x010203 * seed + 0x100 * x + y);
      }
    }
    java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
    try {
      javax.imageio.ImageIO.write(image, "png", png);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    LinkedMultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
    form.add(
        "file",
        new ByteArrayResource(png.toByteArray()) {
          @Override
          public String getFilename() {
            return "init.png";
          }
        });
    ResponseEntity<JsonNode> stored =
        clients
            .get(Caller.OWNER)
            .post()
            .uri("/artifacts")
            .contentType(MediaType.MULTIPART_FORM_DATA)
            .body(form)
            .retrieve()
            .toEntity(JsonNode.class);
    assertThat(stored.getStatusCode().value()).as(String.valueOf(stored.getBody())).isEqualTo(200);
    return stored.getBody().get("sha256").asString();
  }

  private static Map<String, Object> generation(long sessionId, String initImage) {
    return generation(sessionId, initImage, "access", 7);
  }

  private static Map<String, Object> generation(
      long sessionId, String initImage, String experiment, long seed) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("sessionId", sessionId);
    body.put("experiment", experiment);
    body.put("model", "tiny-sd1");
    body.put("prompt", "a photo of a red cat");
    body.put("seed", seed);
    body.put("steps", 2);
    body.put("width", 16);
    body.put("height", 16);
    if (initImage != null) {
      body.put("initImage", initImage);
      body.put("strength", 0.5);
    }
    return body;
  }

  private ResponseEntity<JsonNode> notes(Caller caller, long run, String text) {
    return clients
        .get(caller)
        .put()
        .uri("/runs/" + run + "/notes")
        .contentType(MediaType.TEXT_PLAIN)
        .body(text)
        .retrieve()
        .toEntity(JsonNode.class);
  }

  private ResponseEntity<JsonNode> call(Caller caller, String method, String uri, Object body) {
    RestClient.RequestBodySpec request =
        clients.get(caller).method(HttpMethod.valueOf(method)).uri(uri);
    if (body != null) {
      request.contentType(MediaType.APPLICATION_JSON).body(body);
    }
    // images and exports are not JSON: only the status and, for refusals, the problem matter
    ResponseEntity<byte[]> answer = request.retrieve().toEntity(byte[].class);
    JsonNode json = null;
    if (answer.getHeaders().getContentType() != null
        && answer.getHeaders().getContentType().getSubtype().contains("json")
        && answer.getBody() != null) {
      json = JSON.readTree(answer.getBody());
    }
    return ResponseEntity.status(answer.getStatusCode()).body(json);
  }
}
