package com.diffusionlab.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.diffusionlab.LocalHttp;
import com.diffusionlab.TestUsers;
import com.diffusionlab.WorkspaceTestSupport;
import com.diffusionlab.deploy.MonitoringFiles;
import com.diffusionlab.identity.ApiKeyScope;
import com.diffusionlab.identity.ApiKeyService;
import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.identity.Role;
import com.diffusionlab.scheduling.internal.JobMetrics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * {@code /actuator/prometheus}: administrators only, nothing else of Actuator answers, and after a
 * generation its metrics say what happened; every series the dashboard and the alert rules read is
 * one the application exports (the check that catches a renamed metric).
 */
class MetricsIT extends WorkspaceTestSupport {

  private static final String PROMETHEUS = "/actuator/prometheus";

  @LocalServerPort int port;
  @Autowired IdentityService identity;
  @Autowired ApiKeyService keys;

  private final LocalHttp http = new LocalHttp();

  @BeforeEach
  void users() {
    ApiClients.ensureUsers(identity);
  }

  @Test
  void onlyAdministratorsReadTheMetricsAndNoOtherEndpointAnswers() {
    assertThat(get(PROMETHEUS, null, null).statusCode()).as("no credentials").isEqualTo(401);
    assertThat(get(PROMETHEUS, "admin", "Wrong-Password-1").statusCode()).isEqualTo(401);
    assertThat(get(PROMETHEUS, "viewer", TestUsers.PASSWORD).statusCode()).isEqualTo(403);
    assertThat(get(PROMETHEUS, "researcher", TestUsers.PASSWORD).statusCode()).isEqualTo(403);

    HttpResponse<String> admin = get(PROMETHEUS, "admin", ADMIN_PASSWORD);
    assertThat(admin.statusCode()).isEqualTo(200);
    assertThat(admin.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
    assertThat(admin.body())
        .as("no server paths")
        .doesNotContain(System.getProperty("user.dir"), System.getProperty("java.io.tmpdir"))
        .doesNotContain("path=\"");

    for (String other :
        List.of(
            "/actuator",
            "/actuator/health",
            "/actuator/env",
            "/actuator/configprops",
            "/actuator/beans",
            "/actuator/heapdump",
            "/actuator/metrics",
            "/actuator/loggers")) {
      assertThat(get(other, null, null).statusCode()).as(other + " signed out").isEqualTo(401);
      // an address no handler serves reaches the UI, which answers with its page shell
      HttpResponse<String> answer = get(other, "admin", ADMIN_PASSWORD);
      String type = answer.headers().firstValue("Content-Type").orElse("");
      assertThat(answer.statusCode() != 200 || type.startsWith("text/html"))
          .as(other + " for an administrator: " + answer.statusCode() + " " + type)
          .isTrue();
      assertThat(answer.body()).as(other).doesNotContain("\"_links\"", "\"status\":");
    }
  }

  @Test
  void aScraperSignsInWithAnAdministratorsReadKey() throws Exception {
    String read =
        TestUsers.call("admin", Role.ADMIN, () -> keys.create("prometheus", ApiKeyScope.READ))
            .secret();
    String generate =
        TestUsers.call("admin", Role.ADMIN, () -> keys.create("scripts", ApiKeyScope.GENERATE))
            .secret();
    assertThat(bearer(read).statusCode())
        .as("a READ key acts with the admin's role")
        .isEqualTo(200);
    assertThat(bearer(read).body()).contains("dlab_");
    assertThat(bearer(generate).statusCode())
        .as("a GENERATE key acts as a researcher at most")
        .isEqualTo(403);
  }

  private HttpResponse<String> bearer(String secret) throws Exception {
    try (HttpClient client = HttpClient.newHttpClient()) {
      return client.send(
          HttpRequest.newBuilder(URI.create("http://localhost:" + port + PROMETHEUS))
              .header("Authorization", "Bearer " + secret)
              .build(),
          HttpResponse.BodyHandlers.ofString());
    }
  }

  @Test
  void aGenerationShowsInTheMetricsAndEverySeriesTheDashboardsReadIsExported() {
    PrometheusScrape before = scrape();
    RestClient researcher = ApiClients.as(port, "researcher", TestUsers.PASSWORD);
    // a session of its own: the researcher's default one holds other tests' runs
    long sessionId =
        ApiClients.as(port, "admin", ADMIN_PASSWORD)
            .post()
            .uri("/sessions")
            .body(
                Map.of(
                    "name",
                    "metrics " + UUID.randomUUID(),
                    "owner",
                    "researcher",
                    "budgetDeviceSeconds",
                    3600))
            .retrieve()
            .body(JsonNode.class)
            .get("id")
            .asLong();
    long id =
        ApiClients.submit(
            researcher,
            Map.of(
                "sessionId",
                sessionId,
                "model",
                "tiny-sd1",
                "prompt",
                "a red square",
                "seed",
                7,
                "steps",
                3,
                "width",
                16,
                "height",
                16));
    JsonNode run = ApiClients.awaitFinished(researcher, id);
    assertThat(run.get("status").asString()).isEqualTo("SUCCEEDED");
    String session = run.get("sessionId").asString();
    assertThat(get("/api/v1/runs", "researcher", "Not-The-Password-9").statusCode()).isEqualTo(401);

    // gauges read from the database are refreshed every second in tests
    PrometheusScrape after =
        Awaitility.await("the session's use in the quota gauges")
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(200))
            .until(
                this::scrape,
                scrape ->
                    scrape.sum(
                            "dlab_session_device_seconds",
                            Map.of("session", session, "kind", "used"))
                        > 0);

    Map<String, String> job =
        Map.of("model", "tiny-sd1", "device_class", "cpu", "status", "succeeded");
    assertThat(increase(before, after, "dlab_job_duration_seconds_count", job)).isEqualTo(1);
    double jobSeconds = increase(before, after, "dlab_job_duration_seconds_sum", job);
    assertThat(jobSeconds).isPositive().isLessThan(600);
    assertThat(
            increase(
                before,
                after,
                "dlab_job_duration_seconds_bucket",
                Map.of("model", "tiny-sd1", "status", "succeeded", "le", "+Inf")))
        .isEqualTo(1);
    Map<String, String> steps = Map.of("model", "tiny-sd1", "device_class", "cpu");
    assertThat(increase(before, after, "dlab_job_step_seconds_count", steps)).isEqualTo(3);
    assertThat(increase(before, after, "dlab_job_step_seconds_sum", steps))
        .isPositive()
        .isLessThanOrEqualTo(jobSeconds);
    Map<String, String> cpu = Map.of("device_class", "cpu");
    assertThat(increase(before, after, "dlab_queue_wait_seconds_count", cpu)).isEqualTo(1);
    assertThat(increase(before, after, "dlab_queue_wait_seconds_sum", cpu))
        .isGreaterThanOrEqualTo(0)
        .isLessThan(120);
    assertThat(run.get("estimateSeconds").isNumber()).as("the run had an estimate").isTrue();
    assertThat(increase(before, after, "dlab_estimate_error_ratio_count", cpu)).isEqualTo(1);
    double actual = run.get("timings").get("total").asDouble();
    assertThat(increase(before, after, "dlab_estimate_error_ratio_sum", cpu))
        .isCloseTo(Math.abs(run.get("estimateSeconds").asDouble() - actual) / actual, within(1e-6));
    assertThat(
            increase(
                before, after, "dlab_sign_in_failures_total", Map.of("reason", "bad_credentials")))
        .as("one wrong password")
        .isEqualTo(1);
    assertThat(after.sum("dlab_run_failures_total", Map.of("cause", "engine_error")))
        .as("failure causes are exported at zero")
        .isGreaterThanOrEqualTo(0);
    assertThat(after.all("dlab_run_failures_total", Map.of()))
        .hasSize(JobMetrics.FailureCause.values().length);

    assertThat(after.sum("dlab_session_device_seconds", Map.of("session", session, "kind", "used")))
        .isCloseTo(run.get("deviceSeconds").asDouble(), within(1e-6));
    assertThat(
            after.sum("dlab_session_device_seconds", Map.of("session", session, "kind", "budget")))
        .isEqualTo(3600);
    assertThat(after.sum("dlab_session_quota_used_ratio", Map.of("session", session)))
        .isBetween(0.0, 1.0);
    assertThat(after.sum("dlab_workers_responding", cpu)).isGreaterThanOrEqualTo(1);
    assertThat(after.all("dlab_queue_jobs", Map.of("device_class", "any", "state", "waiting")))
        .hasSize(1);
    assertThat(after.all("dlab_node_busy_ratio", Map.of()))
        .isNotEmpty()
        .allSatisfy(sample -> assertThat(sample.value()).isBetween(0.0, 1.0));
    assertThat(after.all("dlab_device_memory_total_bytes", Map.of("device", "cpu")))
        .isNotEmpty()
        .allSatisfy(sample -> assertThat(sample.value()).isPositive());

    // the dashboard and the alert rules read only what the application exports
    assertThat(after.names()).containsAll(MonitoringFiles.applicationMetrics());
  }

  private static double increase(
      PrometheusScrape before, PrometheusScrape after, String name, Map<String, String> labels) {
    return after.sum(name, labels) - before.sum(name, labels);
  }

  private PrometheusScrape scrape() {
    HttpResponse<String> response = get(PROMETHEUS, "admin", ADMIN_PASSWORD);
    assertThat(response.statusCode()).isEqualTo(200);
    return PrometheusScrape.parse(response.body());
  }

  private HttpResponse<String> get(String path, String user, String password) {
    return http.get(port, path, user, password);
  }
}
