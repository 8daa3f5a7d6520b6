package com.diffusionlab.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.diffusionlab.WorkspaceProcess;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A workspace accepts work only once its model registry is loaded. Its HTTP server answers before
 * that: the registry is scanned by an application runner after the server is up. Here a workspace
 * process (the packaged jar) is held at that point, before the scan, by {@link HeldStart}, for as
 * long as the test needs.
 */
class ReadinessIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String GENERATION = "{\"prompt\":\"two circles\",\"steps\":1}";

  @TempDir Path folder;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void refusesWorkWithProblemJsonUntilTheRegistryIsLoaded() throws Exception {
    Path models = Files.createDirectories(folder.resolve("models"));
    Files.createSymbolicLink(
        models.resolve("tiny-shapes"), Path.of("models/tiny-shapes").toAbsolutePath());
    Path hold = folder.resolve("hold");
    assertThat(new ProcessBuilder("mkfifo", hold.toString()).start().waitFor()).isZero();

    try (WorkspaceProcess workspace =
        WorkspaceProcess.launchWith(
            folder.resolve("data"), models, HeldStart.class, "dlab.test.hold=" + hold)) {
      HttpResponse<String> registered;
      try {
        registered =
            Awaitility.await("the workspace answering the test's user")
                .atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(200))
                .failFast("the workspace exited", () -> !workspace.alive())
                .ignoreExceptionsInstanceOf(IOException.class)
                .until(
                    () -> send(workspace, "GET", "/api/v1/models", true, null),
                    response -> response.statusCode() == 200);
      } catch (RuntimeException e) {
        throw new AssertionError("the workspace did not answer: " + workspace.output(), e);
      }

      assertThat(JSON.readTree(registered.body()).size()).as("models registered so far").isZero();
      assertNotReady(send(workspace, "GET", "/api/v1/ready", false, null));
      assertNotReady(send(workspace, "POST", "/api/v1/generations", true, GENERATION));
      assertNotReady(send(workspace, "POST", "/api/v1/estimates", true, GENERATION));
      assertNotReady(send(workspace, "POST", "/api/v1/sweeps/plans", true, "base: {steps: 1}"));
      assertThat(send(workspace, "GET", "/api/v1/runs", true, null).statusCode())
          .as("reading works meanwhile")
          .isEqualTo(200);

      try (OutputStream release = Files.newOutputStream(hold)) {
        release.write('\n');
      }
      Awaitility.await("the workspace ready")
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofMillis(200))
          .until(workspace::ready);

      HttpResponse<String> ready = send(workspace, "GET", "/api/v1/ready", false, null);
      assertThat(JSON.readTree(ready.body()).get("ready").asBoolean()).isTrue();
      HttpResponse<String> accepted =
          send(workspace, "POST", "/api/v1/generations", true, GENERATION);
      assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    }
  }

  private static void assertNotReady(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
    JsonNode problem = JSON.readTree(response.body());
    assertThat(problem.get("type").asString()).isEqualTo("/api/problems/not-ready");
    assertThat(problem.get("status").asInt()).isEqualTo(503);
    assertThat(problem.get("detail").asString()).contains("starting up");
  }

  private HttpResponse<String> send(
      WorkspaceProcess workspace, String method, String path, boolean signedIn, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + workspace.port() + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header(
          "Content-Type", path.contains("sweeps") ? "application/yaml" : "application/json");
    }
    if (signedIn) {
      request.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder()
                  .encodeToString(
                      (HeldStart.USER + ":" + HeldStart.PASSWORD)
                          .getBytes(StandardCharsets.UTF_8)));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
