package com.diffusionlab.cli;

import com.diffusionlab.engine.FieldError;
import com.diffusionlab.scheduling.QueuePlace;
import com.diffusionlab.scheduling.RunSteps;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The workspace's REST API as the command line uses it: JSON calls, streamed downloads and a
 * multipart upload, signed in with an API key or HTTP Basic. An error answer (RFC 9457 problem
 * JSON) becomes an exception carrying the problem's detail.
 */
final class ServerClient implements AutoCloseable {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final JavaType FIELD_ERRORS =
      JSON.getTypeFactory().constructCollectionType(List.class, FieldError.class);

  /** How much of an answer that is not problem JSON (a proxy's HTML page) an error shows. */
  private static final int MAX_SHOWN_BODY = 500;

  private final String base;
  private final String authorization;
  private final HttpClient http = HttpClient.newHttpClient();

  /** Signs in with HTTP Basic. */
  ServerClient(String server, String user, String password) {
    this(
        server,
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
  }

  private ServerClient(String server, String authorization) {
    this.base = server.replaceAll("/+$", "") + "/api/v1";
    this.authorization = authorization;
  }

  /** Signs in with an API key ({@code Authorization: Bearer}): no password check per request. */
  static ServerClient withApiKey(String server, String apiKey) {
    return new ServerClient(server, "Bearer " + apiKey);
  }

  JsonNode get(String path) throws IOException, InterruptedException {
    return json(request(path).GET().build());
  }

  JsonNode post(String path) throws IOException, InterruptedException {
    return json(request(path).POST(HttpRequest.BodyPublishers.noBody()).build());
  }

  JsonNode post(String path, String contentType, String body)
      throws IOException, InterruptedException {
    return json(
        request(path)
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  /** POSTs a value as JSON. */
  JsonNode postJson(String path, Object body) throws IOException, InterruptedException {
    return sendJson("POST", path, body);
  }

  /** Sends a value as JSON with {@code method} (POST, PUT, PATCH). */
  JsonNode sendJson(String method, String path, Object body)
      throws IOException, InterruptedException {
    return json(
        request(path)
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
            .build());
  }

  /** DELETEs what {@code path} names; an error answer fails as any other. */
  void delete(String path) throws IOException, InterruptedException {
    HttpRequest request = request(path).DELETE().build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 300) {
      throw failure("DELETE", request.uri().getPath(), response.statusCode(), response.body());
    }
  }

  /** A JSON answer as one of the API's records. */
  <T> T as(JsonNode json, Class<T> type) {
    return JSON.treeToValue(json, type);
  }

  /**
   * Polls a run until it has finished, with a line on {@code err} each time what it says changes:
   * its status, its place in the queue and ETA while it waits, its steps and time left while it
   * runs (on whichever node).
   */
  JsonNode awaitRun(long id, PrintWriter err) throws IOException, InterruptedException {
    JsonNode run = get("/runs/" + id);
    String reported = "";
    while (true) {
      String line = progressLine(run);
      if (!line.equals(reported)) {
        err.println(line);
        err.flush();
        reported = line;
      }
      if (!run.get("status").asString().matches("QUEUED|RUNNING")) {
        return run;
      }
      Thread.sleep(Duration.ofMillis(500));
      run = get("/runs/" + id);
    }
  }

  /**
   * A run's answer in one line: "run 12: queued · 3rd in the queue · starts in about 40 s", "run
   * 12: running · step 7/20 · 0.12 s · about 10 s left", "run 12: succeeded".
   */
  static String progressLine(JsonNode run) {
    String line =
        "run "
            + run.get("id").asLong()
            + ": "
            + run.get("status").asString().toLowerCase(Locale.ROOT);
    JsonNode queue = run.get("queue");
    JsonNode progress = run.get("progress");
    if (queue != null && queue.isObject()) {
      line += " · " + JSON.treeToValue(queue, QueuePlace.class).describe();
    } else if (progress != null && progress.isObject()) {
      line += " · " + JSON.treeToValue(progress, RunSteps.class).describe();
    }
    return line;
  }

  /**
   * Streams a GET into {@code out}, reporting bytes received.
   *
   * @return the response's headers
   */
  Map<String, List<String>> download(String path, OutputStream out, Progress progress)
      throws IOException, InterruptedException {
    HttpResponse<InputStream> response =
        http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream in = response.body()) {
      if (response.statusCode() >= 300) {
        throw failure(
            "GET",
            path,
            response.statusCode(),
            new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
      progress.started(response.headers().map());
      byte[] buffer = new byte[1 << 16];
      long received = 0;
      for (int n; (n = in.read(buffer)) > 0; ) {
        out.write(buffer, 0, n);
        received += n;
        progress.received(received);
      }
      return response.headers().map();
    }
  }

  /** Uploads a file as the multipart field {@code file}. */
  JsonNode upload(String path, Path file) throws IOException, InterruptedException {
    String boundary = "dlab-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
    String head =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
            + file.getFileName().toString().replaceAll("[\"\\r\\n]", "_")
            + "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
    String tail = "\r\n--" + boundary + "--\r\n";
    HttpRequest.BodyPublisher body =
        HttpRequest.BodyPublishers.concat(
            HttpRequest.BodyPublishers.ofString(head),
            HttpRequest.BodyPublishers.ofFile(file),
            HttpRequest.BodyPublishers.ofString(tail));
    return json(
        request(path)
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(body)
            .build());
  }

  /** Query parameters, encoded. */
  static String query(Map<String, String> parameters) {
    return parameters.entrySet().stream()
        .filter(e -> e.getValue() != null)
        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&", "?", ""));
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", authorization);
  }

  private JsonNode json(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 300) {
      throw failure(
          request.method(), request.uri().getPath(), response.statusCode(), response.body());
    }
    return JSON.readTree(response.body());
  }

  /**
   * An error answer as a message: the problem's detail (which names each bad field, its value and
   * what is allowed), or the body as it is when it is not problem JSON.
   */
  static ServerRefusal failure(String method, String path, int status, String body) {
    String message =
        body.length() > MAX_SHOWN_BODY ? body.substring(0, MAX_SHOWN_BODY) + "…" : body;
    List<FieldError> errors = List.of();
    try {
      JsonNode json = JSON.readTree(body);
      if (json.hasNonNull("detail")) {
        message = json.get("detail").asString();
      } else if (json.hasNonNull("title")) {
        message = json.get("title").asString();
      }
      if (json.path("errors").isArray()) {
        errors = JSON.treeToValue(json.get("errors"), FIELD_ERRORS);
      }
    } catch (RuntimeException notJson) {
      // the body as it is
    }
    return new ServerRefusal(
        method + " " + path + " answered " + status + ": " + message, status, errors);
  }

  @Override
  public void close() {
    http.close();
  }

  /** Follows a download. */
  interface Progress {
    /** For a download too small to report on. */
    Progress NONE =
        new Progress() {
          @Override
          public void started(Map<String, List<String>> headers) {}

          @Override
          public void received(long bytes) {}
        };

    void started(Map<String, List<String>> headers);

    void received(long bytes);

    /** Progress lines on {@code err}: the size announced, then every few megabytes. */
    static Progress lines(PrintWriter err, String what) {
      return new Progress() {
        private long reported;

        @Override
        public void started(Map<String, List<String>> headers) {
          String runs =
              Stream.ofNullable(headers.get("x-export-runs"))
                  .flatMap(List::stream)
                  .findFirst()
                  .orElse("?");
          err.println(what + ": " + runs + " runs …");
          err.flush();
        }

        @Override
        public void received(long bytes) {
          if (bytes - reported >= 4 << 20) {
            reported = bytes;
            err.printf("%s: %.1f MB received%n", what, bytes / 1e6);
            err.flush();
          }
        }
      };
    }
  }
}
