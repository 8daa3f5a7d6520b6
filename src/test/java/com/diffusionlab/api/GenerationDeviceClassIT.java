package com.diffusionlab.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.diffusionlab.TestUsers;
import com.diffusionlab.WorkspaceTestSupport;
import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.scheduling.DeviceClasses;
import com.diffusionlab.scheduling.internal.queue.JobQueue;
import com.diffusionlab.scheduling.internal.queue.QueueWaits;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * A new generation asking for a device class over REST: on this CPU-only workspace a gpu run waits,
 * saying why, while the cpu worker runs a cpu run; an unknown class is refused before anything is
 * recorded.
 */
class GenerationDeviceClassIT extends WorkspaceTestSupport {

  @LocalServerPort int port;
  @Autowired IdentityService identity;
  @Autowired JobQueue queue;
  @Autowired JdbcTemplate jdbc;

  private RestClient researcher;

  @BeforeEach
  void users() {
    ApiClients.ensureUsers(identity);
    researcher = ApiClients.as(port, "researcher", TestUsers.PASSWORD);
  }

  private static Map<String, Object> generation(Object deviceClass) {
    Map<String, Object> body = new HashMap<>();
    body.put("model", "tiny-sd1");
    body.put("prompt", "a red cat");
    body.put("steps", 2);
    body.put("width", 16);
    body.put("height", 16);
    body.put("deviceClass", deviceClass);
    return body;
  }

  private ResponseEntity<JsonNode> post(String uri, Map<String, Object> body) {
    return researcher
        .post()
        .uri(uri)
        .contentType(MediaType.APPLICATION_JSON)
        .body(body)
        .retrieve()
        .toEntity(JsonNode.class);
  }

  @Test
  void aGpuRunWaitsForAGpuWorkerWhileTheCpuWorkerRunsACpuRun() {
    ResponseEntity<JsonNode> accepted = post("/generations", generation("gpu"));
    assertThat(accepted.getStatusCode().value()).isEqualTo(202);
    long gpuRun = accepted.getBody().get("id").asLong();
    assertThat(queue.waiting(gpuRun).map(JobQueue.WaitingJob::deviceClass))
        .as("the job row asks for a gpu")
        .hasValue("gpu");

    JsonNode waiting =
        Awaitility.await("the gpu run's reason")
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(50))
            .until(
                () -> researcher.get().uri("/runs/{id}", gpuRun).retrieve().body(JsonNode.class),
                run -> run.path("queue").path("noEtaReason").isString());
    assertThat(waiting.get("status").asString()).isEqualTo("QUEUED");
    assertThat(waiting.get("queue").get("noEtaReason").asString())
        .isEqualTo(QueueWaits.reason("gpu"));
    assertThat(waiting.get("queue").path("etaSeconds").isNumber()).isFalse();

    // submitted after the gpu run, the cpu run is claimed and finishes: the worker passed it by
    long cpuRun = ApiClients.submit(researcher, generation("cpu"));
    JsonNode cpu = ApiClients.awaitFinished(researcher, cpuRun);
    assertThat(cpu.get("status").asString()).isEqualTo("SUCCEEDED");
    assertThat(cpu.get("device").asString()).isEqualTo("cpu");
    assertThat(queue.waiting(gpuRun)).as("still unclaimed").isPresent();

    // the estimate rests on the class asked for: cpu has run here, gpu never has
    JsonNode cpuEstimate =
        Awaitility.await("an estimate from the cpu run")
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(50))
            .until(
                () -> post("/estimates", generation("cpu")).getBody(),
                estimate -> estimate.get("basedOnRuns").asInt() > 0);
    assertThat(cpuEstimate.get("basis").asString()).isNotEqualTo("PROBE");
    assertThat(post("/estimates", generation(null)).getBody().get("basedOnRuns").asInt())
        .as("no class: this node's, cpu")
        .isPositive();
    JsonNode gpuEstimate = post("/estimates", generation("gpu")).getBody();
    assertThat(gpuEstimate.get("basis").asString()).isEqualTo("PROBE");
    assertThat(gpuEstimate.get("basedOnRuns").asInt()).isZero();
    assertThat(status(gpuRun)).isEqualTo("QUEUED");

    researcher.post().uri("/runs/{id}/cancel", gpuRun).retrieve().toBodilessEntity();
    assertThat(queue.waiting(gpuRun)).isEmpty();
    assertThat(status(gpuRun)).isEqualTo("CANCELLED");
  }

  private String status(long run) {
    return researcher
        .get()
        .uri("/runs/{id}", run)
        .retrieve()
        .body(JsonNode.class)
        .get("status")
        .asString();
  }

  @Test
  void noDeviceClassRunsOnAnyDevice() {
    long run = ApiClients.submit(researcher, generation(null));
    assertThat(ApiClients.awaitFinished(researcher, run).get("status").asString())
        .isEqualTo("SUCCEEDED");
  }

  @Test
  void anUnknownDeviceClassIs400NamingTheFieldAndNothingIsRecorded() {
    long before = jdbc.queryForObject("select count(*) from runs", Long.class);
    String hostile = "<img src=x onerror=alert(1)>" + "g".repeat(5_000);
    for (String value : new String[] {"tpu", "GPU", "", hostile}) {
      for (String uri : new String[] {"/generations", "/estimates"}) {
        ResponseEntity<JsonNode> refused = post(uri, generation(value));
        assertThat(refused.getStatusCode().value()).as(uri + " " + value).isEqualTo(400);
        JsonNode error = refused.getBody().get("errors").get(0);
        assertThat(error.get("field").asString()).isEqualTo("deviceClass");
        assertThat(error.get("allowed").asString()).isEqualTo(DeviceClasses.ALLOWED);
        assertThat(error.get("value").asString())
            .startsWith(value.substring(0, Math.min(value.length(), 20)));
        assertThat(refused.getBody().toString().length()).isLessThan(5_000);
      }
    }
    assertThat(jdbc.queryForObject("select count(*) from runs", Long.class)).isEqualTo(before);
  }
}
