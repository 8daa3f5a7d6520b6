package com.diffusionlab.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import com.diffusionlab.EmbeddedPostgresConfiguration;
import com.diffusionlab.WorkspaceHttp;
import com.diffusionlab.WorkspaceProcess;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;
import tools.jackson.databind.JsonNode;

/**
 * Several machines, as separate JVMs of the packaged jar on one PostgreSQL: a web node that runs no
 * jobs ({@code DLAB_WEB_WORKER=false}) and two {@code dlab worker} nodes, sharing the database and
 * the data folder. The worker running a job is killed with {@code kill -9}: the other finds its
 * lease expired, runs the job as its second attempt, and the run succeeds exactly once with its
 * images; every file in the shared artifact folder has its row and every row its file; the Devices
 * list showed who ran it and shows the killed worker as not responding; the web node showed the
 * steps the worker wrote; the survivor's own metrics port shows the job it ran.
 */
@SpringJUnitConfig(EmbeddedPostgresConfiguration.class)
class WorkerFailoverIT {

  private static final Duration PATIENCE = Duration.ofMinutes(10);
  private static final String[] QUEUE =
      new String[] {
        "dlab.queue.heartbeat-interval=500ms",
        "dlab.queue.missed-heartbeats=4",
        "dlab.queue.polling-interval=200ms",
        "dlab.queue.shutdown-max-wait=2s",
        "dlab.metrics.refresh-interval=1s"
      };

  @Autowired EmbeddedPostgres postgres;

  @TempDir Path folder;

  private Map<String, String> node(String name) {
    Map<String, String> env = new HashMap<>();
    env.put("SPRING_PROFILES_ACTIVE", "postgres");
    env.put("DLAB_DB_URL", postgres.getJdbcUrl("postgres", "postgres"));
    env.put("DLAB_DB_USER", "postgres");
    env.put("DLAB_DB_PASSWORD", "postgres");
    env.put("DLAB_NODE_NAME", name);
    env.put("DLAB_WEB_WORKER", "false");
    return env;
  }

  /** The bundled model, linked. */
  private Path models() throws IOException {
    Path models = Files.createDirectories(folder.resolve("models"));
    Files.createSymbolicLink(
        models.resolve("tiny-shapes"), Path.of("models/tiny-shapes").toAbsolutePath());
    return models;
  }

  @Test
  void aJobWhoseWorkerIsKilledFinishesOnAnotherWorkerExactlyOnce() throws Exception {
    Path models = models();
    Path data = folder.resolve("data");

    // a worker-only node serves its metrics on a port of its own
    Map<String, Integer> metricsPorts = Map.of("worker-1", freePort(), "worker-2", freePort());
    try (WorkspaceProcess web = WorkspaceProcess.start(data, models, node("web-1"), QUEUE);
        WorkspaceProcess first =
            WorkspaceProcess.worker(data, models, worker("worker-1", metricsPorts), QUEUE);
        WorkspaceProcess second =
            WorkspaceProcess.worker(data, models, worker("worker-2", metricsPorts), QUEUE)) {
      WorkspaceHttp api = new WorkspaceHttp(web.port(), "admin", WorkspaceProcess.ADMIN_PASSWORD);
      long run =
          api.generate(
              "{\"prompt\":\"two red circles at the top\",\"steps\":30,\"width\":128,"
                  + "\"height\":128,\"seed\":11}");
      String victim =
          Awaitility.await("a worker running the job")
              .atMost(PATIENCE)
              .pollInterval(Duration.ofMillis(50))
              .until(() -> runningOn(api, run), node -> node != null);
      String survivor = victim.equals("worker-1") ? "worker-2" : "worker-1";
      // the web node runs nothing: it reads the steps from what the worker writes
      JsonNode progress =
          Awaitility.await("the worker's steps on the web node")
              .atMost(PATIENCE)
              .pollInterval(Duration.ofMillis(50))
              .until(
                  () -> api.get("/runs/" + run).get("progress"),
                  steps -> steps.isObject() && steps.get("step").asInt() > 0);
      assertThat(progress.get("node").asString()).isEqualTo(victim);
      assertThat(progress.get("totalSteps").asInt()).isEqualTo(30);

      JsonNode busy = api.get("/devices");
      assertThat(names(busy)).contains("web-1", "worker-1", "worker-2");
      JsonNode running = nodeNamed(busy, victim);
      assertThat(running.get("web").asBoolean()).isFalse();
      assertThat(running.get("running").get(0).asLong()).isEqualTo(run);
      assertThat(running.get("utilisation").asDouble()).isEqualTo(1.0);
      assertThat(running.get("devices").toString()).contains("\"device\":\"cpu\"");
      assertThat(nodeNamed(busy, "web-1").get("runsJobs").asBoolean()).isFalse();

      (victim.equals("worker-1") ? first : second).kill();

      JsonNode done = api.awaitStatus(run, "SUCCEEDED", PATIENCE);
      List<String> history = new ArrayList<>();
      for (JsonNode t : api.get("/runs/" + run + "/transitions")) {
        history.add(
            (t.get("from").isNull() ? "null" : t.get("from").asString())
                + ">"
                + t.get("to").asString()
                + " #"
                + t.get("attempt").asInt()
                + " on "
                + t.get("node").asString());
      }
      assertThat(history)
          .containsExactly(
              "null>QUEUED #0 on web-1",
              "QUEUED>RUNNING #1 on " + victim,
              "RUNNING>QUEUED #1 on " + survivor,
              "QUEUED>RUNNING #2 on " + survivor,
              "RUNNING>SUCCEEDED #2 on " + survivor);
      assertThat(done.get("outputs")).hasSize(1);
      JsonNode output = done.get("outputs").get(0);
      assertThat(artifact(data, output.get("sha256").asString())).exists();
      assertThat(artifact(data, output.get("thumbnail").asString())).exists();
      JdbcTemplate jdbc = new JdbcTemplate(postgres.getPostgresDatabase());
      assertThat(jdbc.queryForObject("select count(*) from job_queue", Long.class)).isZero();
      assertThat(jdbc.queryForObject("select count(*) from run_progress", Long.class))
          .as("the survivor's progress row went with its attempt, over the killed worker's")
          .isZero();
      assertThat(filesIn(data))
          .as("no orphan files")
          .isEqualTo(
              new HashSet<>(jdbc.queryForList("select sha256 from artifacts", String.class)));

      // the web node's gauges, read from PostgreSQL: the session's use, the workers' slots
      String session = done.get("sessionId").asString();
      Awaitility.await("the web node's gauges")
          .atMost(PATIENCE)
          .pollInterval(Duration.ofMillis(200))
          .until(
              () -> metrics(web.port(), WorkspaceProcess.ADMIN_PASSWORD).body(),
              body ->
                  value(
                              body,
                              "dlab_session_device_seconds{kind=\"used\",session=\""
                                  + session
                                  + "\"}")
                          > 0
                      && value(body, "dlab_node_busy_ratio{node=\"" + survivor + "\"}") >= 0);

      int survivorMetrics = metricsPorts.get(survivor);
      assertThat(metrics(survivorMetrics, null).statusCode()).isEqualTo(401);
      HttpResponse<String> scrape = metrics(survivorMetrics, WorkspaceProcess.ADMIN_PASSWORD);
      assertThat(scrape.statusCode()).isEqualTo(200);
      assertThat(scrape.body())
          .as("the job it ran, recorded where it ran")
          .containsPattern(
              "(?m)^dlab_job_duration_seconds_count\\{[^}]*status=\"succeeded\"[^}]*} 1(\\.0)?$")
          .containsPattern("(?m)^dlab_job_step_seconds_count\\{[^}]*} 30(\\.0)?$");

      Awaitility.await("the killed worker shown as not responding")
          .atMost(PATIENCE)
          .pollInterval(Duration.ofMillis(200))
          .until(() -> !nodeNamed(api.get("/devices"), victim).get("responding").asBoolean());
    }
  }

  /**
   * A workspace that runs its own jobs, on a database of its own on the server, is killed while one
   * job runs and another waits (the default quota's two): started again, it runs both, the
   * interrupted one as its second attempt, each once.
   */
  @Test
  void aKilledWorkspacesRunningAndQueuedJobsAllRunAfterItsRestart() throws Exception {
    new JdbcTemplate(postgres.getPostgresDatabase()).execute("create database restarted_workspace");
    Map<String, String> env = node("web-1");
    env.put("DLAB_DB_URL", postgres.getJdbcUrl("postgres", "restarted_workspace"));
    env.put("DLAB_WEB_WORKER", "true");
    Path models = models();
    Path data = folder.resolve("data");
    String quick = "{\"prompt\":\"two red circles at the top\",\"steps\":4,\"seed\":3}";

    long slow;
    long waiting;
    try (WorkspaceProcess first = WorkspaceProcess.start(data, models, env, QUEUE)) {
      WorkspaceHttp api = new WorkspaceHttp(first.port(), "admin", WorkspaceProcess.ADMIN_PASSWORD);
      slow =
          api.generate(
              "{\"prompt\":\"three small blue stars on the left\",\"steps\":30,\"width\":128,"
                  + "\"height\":128,\"seed\":5}");
      waiting = api.generate(quick);
      api.awaitStatus(slow, "RUNNING", PATIENCE);
      first.kill();
    }

    try (WorkspaceProcess second = WorkspaceProcess.start(data, models, env, QUEUE)) {
      WorkspaceHttp api =
          new WorkspaceHttp(second.port(), "admin", WorkspaceProcess.ADMIN_PASSWORD);
      api.awaitStatus(slow, "SUCCEEDED", PATIENCE);
      assertThat(api.moves(slow))
          .containsExactly(
              "null>QUEUED #0",
              "QUEUED>RUNNING #1",
              "RUNNING>QUEUED #1",
              "QUEUED>RUNNING #2",
              "RUNNING>SUCCEEDED #2");
      assertThat(api.awaitStatus(waiting, "SUCCEEDED", PATIENCE).get("outputs")).hasSize(1);
      assertThat(api.moves(waiting))
          .containsExactly("null>QUEUED #0", "QUEUED>RUNNING #1", "RUNNING>SUCCEEDED #1");
    }
  }

  private Map<String, String> worker(String name, Map<String, Integer> metricsPorts) {
    Map<String, String> env = node(name);
    env.put("DLAB_METRICS_PORT", Integer.toString(metricsPorts.get(name)));
    return env;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** {@code /actuator/prometheus} of a worker-only node, as the admin or signed out. */
  private static HttpResponse<String> metrics(int port, String adminPassword) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus"));
    if (adminPassword != null) {
      request.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder()
                  .encodeToString(("admin:" + adminPassword).getBytes(StandardCharsets.UTF_8)));
    }
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
  }

  /** The value of one series in a scrape, -1 when it is not there. */
  private static double value(String scrape, String series) {
    Matcher line = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
    return line.find() ? Double.parseDouble(line.group(1)) : -1;
  }

  /** The node whose worker runs the run now, or null. */
  private static String runningOn(WorkspaceHttp api, long runId) {
    JsonNode history = api.get("/runs/" + runId + "/transitions");
    JsonNode last = history.get(history.size() - 1);
    return last.get("to").asString().equals("RUNNING") ? last.get("node").asString() : null;
  }

  private static List<String> names(JsonNode devices) {
    List<String> names = new ArrayList<>();
    devices.get("nodes").forEach(node -> names.add(node.get("name").asString()));
    return names;
  }

  private static JsonNode nodeNamed(JsonNode devices, String name) {
    for (JsonNode node : devices.get("nodes")) {
      if (node.get("name").asString().equals(name)) {
        return node;
      }
    }
    throw new AssertionError(name + " is not listed: " + devices);
  }

  private static Path artifact(Path data, String sha256) {
    return data.resolve("artifacts").resolve(sha256.substring(0, 2)).resolve(sha256 + ".bin");
  }

  private static Set<String> filesIn(Path data) throws IOException {
    Set<String> files = new HashSet<>();
    try (Stream<Path> walk = Files.walk(data.resolve("artifacts"))) {
      walk.filter(Files::isRegularFile)
          .forEach(file -> files.add(file.getFileName().toString().replace(".bin", "")));
    }
    return files;
  }
}
