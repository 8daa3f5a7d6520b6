package com.diffusionlab.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.diffusionlab.TestSessions;
import com.diffusionlab.TestUsers;
import com.diffusionlab.WorkspaceTestSupport;
import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.sessions.Quota;
import com.diffusionlab.sessions.SessionService;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every kind of bad request against the REST API, each with the status and the problem JSON (RFC
 * 9457) it must get: the type, the field at fault, the headers that tell the client what to do, and
 * nothing of the server's insides (no stack trace, no server path, no SQL).
 */
class RestErrorsIT extends WorkspaceTestSupport {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String RESEARCHER = "researcher";
  private static final String VIEWER = "viewer";
  private static final String ANONYMOUS = null;
  private static final String WRONG_PASSWORD = "researcher:wrong";
  private static final String APPLICATION_JSON = "application/json";
  private static final String TEXT = "text/plain";

  /** Just over {@code dlab.api.max-body-size} (4 MB). */
  private static final int OVER_BODY_LIMIT = (4 << 20) + (64 << 10);

  @LocalServerPort int port;
  @Autowired IdentityService identity;
  @Autowired SessionService sessions;

  /** A run and an experiment of the researcher's, for the cases that address one. */
  private static long run;

  private static long experiment;

  private final HttpClient http = HttpClient.newHttpClient();

  /**
   * One bad request and what it must get.
   *
   * @param user who asks: a user name, {@code user:password}, or null for nobody
   * @param path under the server; {@code {run}} and {@code {experiment}} stand for the ids
   * @param type the problem type's last path segment, or {@code about:blank}
   * @param field the field errors[] must name, or null when the problem has no errors[]
   * @param header a header the answer must carry, or null
   * @param chunked whether the body is sent without a Content-Length
   */
  record Case(
      String name,
      String user,
      String method,
      String path,
      String contentType,
      byte[] body,
      int status,
      String type,
      String field,
      String header,
      boolean chunked) {

    @Override
    public String toString() {
      return name;
    }

    Case withHeader(String expected) {
      return new Case(
          name, user, method, path, contentType, body, status, type, field, expected, chunked);
    }

    Case sentChunked() {
      return new Case(
          name, user, method, path, contentType, body, status, type, field, header, true);
    }
  }

  private static Case json(
      String name, String method, String path, String body, int status, String type, String field) {
    return new Case(
        name,
        RESEARCHER,
        method,
        path,
        APPLICATION_JSON,
        body.getBytes(StandardCharsets.UTF_8),
        status,
        type,
        field,
        null,
        false);
  }

  /** A generation of the default model with {@code fields} beside a prompt. */
  private static Case generation(String name, String fields, int status, String type, String f) {
    return json(
        name,
        "POST",
        "/api/v1/generations",
        "{\"prompt\":\"two circles\"" + (fields.isEmpty() ? "" : "," + fields) + "}",
        status,
        type,
        f);
  }

  private static Case invalid(String name, String fields, String field) {
    return generation(name, fields, 400, "invalid-fields", field);
  }

  private static Case request(
      String name, String user, String method, String path, int status, String type) {
    return new Case(name, user, method, path, null, null, status, type, null, null, false);
  }

  private static Case body(
      String name,
      String method,
      String path,
      String contentType,
      byte[] body,
      int status,
      String type,
      String field) {
    return new Case(
        name, RESEARCHER, method, path, contentType, body, status, type, field, null, false);
  }

  private static String tags(int count) {
    return IntStream.range(0, count)
        .mapToObj(i -> "\"t" + i + "\"")
        .collect(Collectors.joining(",", "[", "]"));
  }

  static Stream<Case> cases() {
    List<Case> cases = new ArrayList<>();
    // bodies that are not JSON, or not the JSON the endpoint takes
    cases.add(generation("not JSON", "not json", 400, "malformed-body", null));
    cases.add(json("empty body", "POST", "/api/v1/generations", "", 400, "malformed-body", null));
    cases.add(
        json("an array", "POST", "/api/v1/generations", "[1,2]", 400, "malformed-body", null));
    cases.add(invalid("text for a number", "\"steps\":\"abc\"", "steps"));
    cases.add(invalid("an exponent for a whole number", "\"steps\":1e12", "steps"));
    cases.add(invalid("a fraction for a whole number", "\"steps\":20.5", "steps"));
    cases.add(invalid("a whole number out of range", "\"steps\":99999999999", "steps"));
    cases.add(invalid("a NaN token", "\"cfg\":NaN", "cfg"));
    cases.add(invalid("NaN as text", "\"cfg\":\"NaN\"", "cfg"));
    cases.add(invalid("infinity as text", "\"cfg\":\"Infinity\"", "cfg"));
    cases.add(invalid("a number beyond double", "\"cfg\":1e999", "cfg"));
    cases.add(invalid("eta NaN", "\"sampler\":\"ddim\",\"eta\":\"NaN\"", "eta"));
    cases.add(invalid("an object for a number", "\"steps\":{\"a\":1}", "steps"));
    // fields the engine used to be the first to check, and others
    cases.add(invalid("negative width", "\"width\":-64", "width"));
    cases.add(invalid("negative height", "\"height\":-64", "height"));
    cases.add(invalid("negative batch", "\"batch\":-1", "batch"));
    cases.add(invalid("zero batch", "\"batch\":0", "batch"));
    cases.add(invalid("clip skip past the text encoder", "\"clipSkip\":1000", "clipSkip"));
    cases.add(invalid("clip skip 0", "\"clipSkip\":0", "clipSkip"));
    cases.add(invalid("negative seed", "\"seed\":-1", "seed"));
    cases.add(invalid("zero steps", "\"steps\":0", "steps"));
    cases.add(invalid("unknown sampler", "\"sampler\":\"magic\"", "sampler"));
    cases.add(invalid("unknown model", "\"model\":\"no-such-model\"", "model"));
    // a missing session answers as someone else's private one does (ObjectAccessIT): not found
    cases.add(generation("unknown session", "\"sessionId\":99999999", 404, "not-found", null));
    cases.add(invalid("strength without an image", "\"strength\":0.5", "strength"));
    cases.add(
        json(
            "an estimate with clip skip past the text encoder",
            "POST",
            "/api/v1/estimates",
            "{\"prompt\":\"x\",\"clipSkip\":1000}",
            400,
            "invalid-fields",
            "clipSkip"));
    // quotas: the default session takes at most 50 steps, however long one waits
    cases.add(
        generation(
            "steps over the session's limit", "\"steps\":100", 403, "over-session-limit", "steps"));
    // tags, notes and other annotations
    cases.add(
        json(
            "100,000 run tags",
            "PUT",
            "/api/v1/runs/{run}/tags",
            tags(100_000),
            400,
            "invalid-fields",
            "tags"));
    cases.add(
        json(
            "51 run tags",
            "PUT",
            "/api/v1/runs/{run}/tags",
            tags(51),
            400,
            "invalid-fields",
            "tags"));
    cases.add(
        json(
            "a tag with a space",
            "PUT",
            "/api/v1/runs/{run}/tags",
            "[\"no spaces\"]",
            400,
            "invalid-fields",
            "tag"));
    cases.add(
        json(
            "a tag of 65 characters",
            "PUT",
            "/api/v1/runs/{run}/tags",
            "[\"" + "t".repeat(65) + "\"]",
            400,
            "invalid-fields",
            "tag"));
    cases.add(
        json(
            "tags as an object",
            "PUT",
            "/api/v1/runs/{run}/tags",
            "{\"a\":1}",
            400,
            "malformed-body",
            null));
    cases.add(
        body(
            "notes of 20,001 characters",
            "PUT",
            "/api/v1/runs/{run}/notes",
            TEXT,
            "n".repeat(20_001).getBytes(StandardCharsets.UTF_8),
            400,
            "invalid-fields",
            "notes"));
    cases.add(
        json(
            "100,000 experiment tags",
            "POST",
            "/api/v1/experiments",
            "{\"name\":\"tagged\",\"tags\":" + tags(100_000) + "}",
            400,
            "invalid-fields",
            "tags"));
    cases.add(
        json(
            "an experiment name of 201 characters",
            "POST",
            "/api/v1/experiments",
            "{\"name\":\"" + "e".repeat(201) + "\"}",
            400,
            "invalid-fields",
            "name"));
    cases.add(
        json(
            "experiment tags changed to 100,000",
            "PATCH",
            "/api/v1/experiments/{experiment}",
            "{\"tags\":" + tags(100_000) + "}",
            400,
            "invalid-fields",
            "tags"));
    cases.add(
        json(
            "10,001 runs into an experiment",
            "POST",
            "/api/v1/experiments/{experiment}/runs",
            "{\"runIds\":" + IntStream.range(0, 10_001).boxed().toList() + "}",
            400,
            "invalid-fields",
            "runIds"));
    // parameters
    cases.add(
        request(
            "a run id that is not a number",
            RESEARCHER,
            "GET",
            "/api/v1/runs/abc",
            400,
            "invalid-fields"));
    cases.add(
        request("page size 0", RESEARCHER, "GET", "/api/v1/runs?size=0", 400, "invalid-fields"));
    cases.add(request("page -1", RESEARCHER, "GET", "/api/v1/runs?page=-1", 400, "invalid-fields"));
    cases.add(
        request(
            "a query that does not parse",
            RESEARCHER,
            "GET",
            "/api/v1/runs?query=cfg%20%3E",
            400,
            "invalid-query"));
    cases.add(
        request(
            "comparison without runs",
            RESEARCHER,
            "GET",
            "/api/v1/comparisons",
            400,
            "invalid-fields"));
    cases.add(
        request(
            "comparison of words",
            RESEARCHER,
            "GET",
            "/api/v1/comparisons?runs=a,b",
            400,
            "invalid-fields"));
    cases.add(
        body(
            "a sweep that is not YAML",
            "POST",
            "/api/v1/sweeps/plans",
            "application/yaml",
            "base: [unclosed".getBytes(StandardCharsets.UTF_8),
            400,
            "invalid-sweep",
            "yaml"));
    // who asks
    cases.add(
        request("nobody signed in", ANONYMOUS, "GET", "/api/v1/runs", 401, "unauthorized")
            .withHeader("WWW-Authenticate"));
    cases.add(
        request("a wrong password", WRONG_PASSWORD, "GET", "/api/v1/runs", 401, "unauthorized")
            .withHeader("WWW-Authenticate"));
    cases.add(
        new Case(
            "a viewer generating",
            VIEWER,
            "POST",
            "/api/v1/generations",
            APPLICATION_JSON,
            "{\"prompt\":\"x\"}".getBytes(StandardCharsets.UTF_8),
            403,
            "forbidden",
            null,
            null,
            false));
    cases.add(
        new Case(
            "a viewer creating an experiment",
            VIEWER,
            "POST",
            "/api/v1/experiments",
            APPLICATION_JSON,
            "{\"name\":\"mine\"}".getBytes(StandardCharsets.UTF_8),
            403,
            "forbidden",
            null,
            null,
            false));
    // what does not exist
    cases.add(request("an unknown API path", RESEARCHER, "GET", "/api/v1/nope", 404, "not-found"));
    cases.add(
        request(
            "POST to an unknown API path", RESEARCHER, "POST", "/api/v1/nope", 404, "not-found"));
    cases.add(
        request("an unknown API version", RESEARCHER, "GET", "/api/v2/runs", 404, "not-found"));
    cases.add(request("the API's root", RESEARCHER, "GET", "/api", 404, "not-found"));
    cases.add(
        request("an unknown run", RESEARCHER, "GET", "/api/v1/runs/99999999", 404, "not-found"));
    cases.add(
        request(
            "an unknown experiment",
            RESEARCHER,
            "GET",
            "/api/v1/experiments/99999999",
            404,
            "not-found"));
    cases.add(
        request(
            "an unknown sweep", RESEARCHER, "GET", "/api/v1/sweeps/99999999", 404, "not-found"));
    cases.add(
        request(
            "an unknown problem type", ANONYMOUS, "GET", "/api/problems/nope", 404, "not-found"));
    // methods and media types
    cases.add(
        request(
                "GET on a POST endpoint",
                RESEARCHER,
                "GET",
                "/api/v1/generations",
                405,
                "method-not-allowed")
            .withHeader("Allow"));
    cases.add(
        request(
                "DELETE on a run",
                RESEARCHER,
                "DELETE",
                "/api/v1/runs/{run}",
                405,
                "method-not-allowed")
            .withHeader("Allow"));
    cases.add(
        body(
                "text for a JSON endpoint",
                "POST",
                "/api/v1/generations",
                TEXT,
                "steps: 3".getBytes(StandardCharsets.UTF_8),
                415,
                "unsupported-media-type",
                null)
            .withHeader("Accept"));
    cases.add(
        body(
                "a body without a Content-Type",
                "POST",
                "/api/v1/generations",
                null,
                "{}".getBytes(StandardCharsets.UTF_8),
                415,
                "unsupported-media-type",
                null)
            .withHeader("Accept"));
    cases.add(
        json(
                "JSON notes",
                "PUT",
                "/api/v1/runs/{run}/notes",
                "\"x\"",
                415,
                "unsupported-media-type",
                null)
            .withHeader("Accept"));
    cases.add(
        json(
            "JSON for a sweep",
            "POST",
            "/api/v1/sweeps",
            "{}",
            415,
            "unsupported-media-type",
            null));
    // sizes
    cases.add(
        generation(
            "a body over the limit",
            "\"negativePrompt\":\"" + "x".repeat(OVER_BODY_LIMIT) + "\"",
            413,
            "payload-too-large",
            null));
    cases.add(
        generation(
                "a chunked body over the limit",
                "\"negativePrompt\":\"" + "x".repeat(OVER_BODY_LIMIT) + "\"",
                413,
                "payload-too-large",
                null)
            .sentChunked());
    cases.add(
        body(
            "an image upload over 20 MB",
            "POST",
            "/api/v1/artifacts",
            "multipart/form-data; boundary=b",
            multipart("file", new byte[(20 << 20) + 1]),
            413,
            "payload-too-large",
            null));
    cases.add(
        body(
            "an upload without its file",
            "POST",
            "/api/v1/imports",
            "multipart/form-data; boundary=b",
            multipart("other", new byte[10]),
            400,
            "invalid-fields",
            "file"));
    // refused before Spring MVC: the container's error page for an API path
    cases.add(
        request(
            "a URL the firewall refuses",
            RESEARCHER,
            "GET",
            "/api/v1/runs;x=1",
            400,
            "bad-request"));
    return cases.stream();
  }

  private static byte[] multipart(String part, byte[] content) {
    byte[] head =
        ("--b\r\nContent-Disposition: form-data; name=\""
                + part
                + "\"; filename=\"x.png\"\r\nContent-Type: image/png\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8);
    byte[] tail = "\r\n--b--\r\n".getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[head.length + content.length + tail.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(content, 0, all, head.length, content.length);
    System.arraycopy(tail, 0, all, head.length + content.length, tail.length);
    return all;
  }

  @BeforeEach
  void runAndExperiment() throws Exception {
    ApiClients.ensureUsers(identity);
    if (run != 0) {
      return;
    }
    var researcher = identity.find(RESEARCHER).orElseThrow();
    // a session of its own, so that other tests' queued runs do not fill this one
    long session =
        TestSessions.create(
                sessions,
                researcher,
                "errors " + System.nanoTime(),
                new Quota(3600, 4, 512 * 512, 50, 4))
            .id();
    run =
        ApiClients.submit(
            ApiClients.as(port, RESEARCHER, TestUsers.PASSWORD),
            Map.of("prompt", "a circle", "steps", 1, "sessionId", session));
    experiment =
        JSON.readTree(
                send(json(
                        "setup",
                        "POST",
                        "/api/v1/experiments",
                        "{\"name\":\"errors " + System.nanoTime() + "\"}",
                        201,
                        null,
                        null))
                    .body())
            .get("id")
            .asLong();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void answersWithProblemJson(Case bad) throws Exception {
    HttpResponse<String> response = send(bad);
    String path = resolved(bad.path());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(bad.status());
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    JsonNode problem = JSON.readTree(response.body());
    assertThat(problem.get("type").asString())
        .isEqualTo(
            bad.type().equals("about:blank") ? "about:blank" : "/api/problems/" + bad.type());
    assertThat(problem.get("title").asString()).isNotBlank();
    assertThat(problem.get("status").asInt()).isEqualTo(bad.status());
    assertThat(problem.get("detail").asString()).isNotBlank();
    assertThat(problem.get("instance").asString()).isEqualTo(path.replaceAll("\\?.*", ""));
    if (bad.field() != null) {
      assertThat(problem.get("errors").valueStream().map(e -> e.get("field").asString()))
          .as(response.body())
          .contains(bad.field());
      problem
          .get("errors")
          .forEach(
              error -> {
                assertThat(error.has("value")).as(error.toString()).isTrue();
                assertThat(error.get("allowed").asString()).isNotBlank();
              });
    }
    if (bad.header() != null) {
      assertThat(response.headers().firstValue(bad.header())).as(bad.header()).isPresent();
    }
    assertNothingOfTheServer(response.body());
  }

  /** Quota refusals say whether waiting helps; a full session does (a job has to end first). */
  @Test
  void aFullSessionSaysWhenToTryAgain() throws Exception {
    var researcher = identity.find(RESEARCHER).orElseThrow();
    long session =
        TestSessions.create(
                sessions,
                researcher,
                "one at a time " + System.nanoTime(),
                new Quota(1e6, 1, 512 * 512, 50, 4))
            .id();
    // long enough to be running still when the second arrives: it is cancelled right after
    String body =
        "{\"prompt\":\"x\",\"steps\":50,\"batch\":4,\"width\":256,\"height\":256,\"sessionId\":"
            + session
            + "}";
    Case submit = json("submit", "POST", "/api/v1/generations", body, 202, null, null);
    HttpResponse<String> accepted = send(submit);
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    long first = JSON.readTree(accepted.body()).get("id").asLong();

    HttpResponse<String> refused = send(submit);

    try {
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(429);
      assertThat(refused.headers().firstValue("Retry-After")).isPresent();
      JsonNode problem = JSON.readTree(refused.body());
      assertThat(problem.get("type").asString()).isEqualTo("/api/problems/quota-exceeded");
      assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("concurrent jobs");
    } finally {
      send(request("cancel", RESEARCHER, "POST", "/api/v1/runs/" + first + "/cancel", 200, null));
    }
  }

  /** A problem type's URI describes it, to anyone. */
  @Test
  void problemTypesDescribeThemselves() throws Exception {
    HttpResponse<String> response =
        send(request("type", ANONYMOUS, "GET", "/api/problems/invalid-fields", 200, null));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode type = JSON.readTree(response.body());
    assertThat(type.get("status").asInt()).isEqualTo(400);
    assertThat(type.get("description").asString()).contains("errors[]");
  }

  private static void assertNothingOfTheServer(String body) {
    assertThat(body)
        .doesNotContain("Exception")
        .doesNotContain("\tat ")
        .doesNotContain("com.diffusionlab")
        .doesNotContain("org.springframework")
        .doesNotContain("tools.jackson")
        .doesNotContain("java.")
        .doesNotContain(System.getProperty("user.dir"))
        .doesNotContain(System.getProperty("java.io.tmpdir"))
        .doesNotContainIgnoringCase("select ")
        .doesNotContainIgnoringCase("insert into");
  }

  private String resolved(String path) {
    return path.replace("{run}", Long.toString(run))
        .replace("{experiment}", Long.toString(experiment));
  }

  private HttpResponse<String> send(Case c) throws IOException, InterruptedException {
    HttpRequest.BodyPublisher body =
        c.body() == null
            ? HttpRequest.BodyPublishers.noBody()
            : c.chunked()
                ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(c.body()))
                : HttpRequest.BodyPublishers.ofByteArray(c.body());
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + resolved(c.path())))
            .method(c.method(), body);
    if (c.contentType() != null) {
      request.header("Content-Type", c.contentType());
    }
    if (c.user() != null) {
      String credentials = c.user().contains(":") ? c.user() : c.user() + ":" + TestUsers.PASSWORD;
      request.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
