package com.diffusionlab;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The REST API of a workspace process, signed in with HTTP Basic. */
public final class WorkspaceHttp {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;
  private final String authorization;

  public WorkspaceHttp(int port, String user, String password) {
    this.base = "http://localhost:" + port + "/api/v1";
    this.authorization = LocalHttp.basic(user, password);
  }

  public JsonNode get(String path) {
    return JSON.readTree(send(request(path).GET(), HttpResponse.BodyHandlers.ofString()).body());
  }

  public byte[] bytes(String path) {
    HttpResponse<byte[]> response =
        send(request(path).GET(), HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("GET " + path + ": " + response.statusCode());
    }
    return response.body();
  }

  /** POSTs JSON; an answer other than 2xx fails with its body. */
  public JsonNode post(String path, String json) {
    HttpResponse<String> response =
        send(
            request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException(
          "POST " + path + ": " + response.statusCode() + " " + response.body());
    }
    return JSON.readTree(response.body());
  }

  /** Queues a generation and gives its run's id. */
  public long generate(String json) {
    return post("/generations", json).get("id").asLong();
  }

  /**
   * Polls a run every few milliseconds until it has {@code status}; gives the run as it read it.
   */
  public JsonNode awaitStatus(long runId, String status, Duration patience) {
    return Awaitility.await("run " + runId + " " + status)
        .atMost(patience)
        .pollInterval(Duration.ofMillis(10))
        .until(() -> get("/runs/" + runId), run -> run.get("status").asString().equals(status));
  }

  /** The run's history, each transition as {@code FROM>TO #attempt} ({@code null>QUEUED #0}). */
  public List<String> moves(long runId) {
    List<String> moves = new ArrayList<>();
    for (JsonNode t : get("/runs/" + runId + "/transitions")) {
      moves.add(
          (t.get("from").isNull() ? "null" : t.get("from").asString())
              + ">"
              + t.get("to").asString()
              + " #"
              + t.get("attempt").asInt());
    }
    return moves;
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", authorization);
  }

  private <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
    return LocalHttp.send(http, request.build(), body);
  }
}
