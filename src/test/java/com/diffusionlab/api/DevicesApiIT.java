package com.diffusionlab.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.diffusionlab.TestUsers;
import com.diffusionlab.WorkspaceTestSupport;
import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.scheduling.internal.queue.FairShareClock;
import com.diffusionlab.scheduling.internal.queue.JobQueue;
import com.diffusionlab.scheduling.internal.queue.QueueWaits;
import com.diffusionlab.tracking.NewRun;
import com.diffusionlab.tracking.Run;
import com.diffusionlab.tracking.RunEstimate;
import com.diffusionlab.tracking.RunService;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * The nodes with their device class and loaded models, and a run's place in the queue, over REST: a
 * job for a device class no worker serves says why, on the run and in the queue's count.
 */
class DevicesApiIT extends WorkspaceTestSupport {

  @LocalServerPort int port;
  @Autowired IdentityService identity;
  @Autowired RunService runs;
  @Autowired JobQueue queue;
  @Autowired TransactionTemplate transactions;

  private RestClient researcher;

  @BeforeEach
  void users() {
    ApiClients.ensureUsers(identity);
    researcher = ApiClients.as(port, "researcher", TestUsers.PASSWORD);
  }

  private int status(String uri, Object... variables) {
    return researcher
        .get()
        .uri(uri, variables)
        .retrieve()
        .onStatus(HttpStatusCode::isError, (request, response) -> {})
        .toBodilessEntity()
        .getStatusCode()
        .value();
  }

  @Test
  void aJobForADeviceClassNoWorkerServesSaysWhyOnTheRunAndInTheQueue() {
    long finished =
        ApiClients.submit(
            researcher,
            Map.of(
                "model", "tiny-sd1", "prompt", "a red cat", "steps", 2, "width", 16, "height", 16));
    ApiClients.awaitFinished(researcher, finished);
    Run template = runs.find(finished).orElseThrow();
    Run gpuJob =
        transactions.execute(
            status -> {
              Run run =
                  runs.create(
                      new NewRun(
                          template.sessionId(),
                          null,
                          null,
                          template.userId(),
                          null,
                          template.settings(),
                          1.0,
                          RunEstimate.NONE));
              queue.enqueue(
                  run.id(),
                  template.sessionId(),
                  1,
                  FairShareClock.EQUAL_SHARE,
                  new JobQueue.JobNeeds("gpu", template.settings().model()));
              return run;
            });

    JsonNode wait =
        researcher.get().uri("/runs/{id}/queue", gpuJob.id()).retrieve().body(JsonNode.class);
    assertThat(wait.get("waiting").asBoolean()).isTrue();
    assertThat(wait.get("deviceClass").asString()).isEqualTo("gpu");
    assertThat(wait.get("modelHash").asString()).isEqualTo(template.settings().model());
    assertThat(wait.get("reason").asString()).isEqualTo(QueueWaits.reason("gpu"));

    JsonNode devices = researcher.get().uri("/devices").retrieve().body(JsonNode.class);
    assertThat(devices.get("unserved").toString())
        .contains("\"deviceClass\":\"gpu\"")
        .contains("\"waiting\":1");
    JsonNode node = devices.get("nodes").get(0);
    assertThat(node.get("deviceClass").asString()).isEqualTo("cpu");
    assertThat(node.get("modelCacheBytes").asLong()).isPositive();
    assertThat(node.get("models").isArray()).isTrue();

    researcher.post().uri("/runs/{id}/cancel", gpuJob.id()).retrieve().toBodilessEntity();
    JsonNode gone =
        researcher.get().uri("/runs/{id}/queue", gpuJob.id()).retrieve().body(JsonNode.class);
    assertThat(gone.get("waiting").asBoolean()).isFalse();
    assertThat(gone.path("reason").isNull() || gone.path("reason").isMissingNode()).isTrue();
  }

  @Test
  void aRunThatDoesNotExistHasNoPlaceInTheQueue() {
    assertThat(status("/runs/{id}/queue", 987_654_321L)).isEqualTo(404);
  }
}
