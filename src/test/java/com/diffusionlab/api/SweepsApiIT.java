package com.diffusionlab.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.diffusionlab.TestUsers;
import com.diffusionlab.WorkspaceTestSupport;
import com.diffusionlab.identity.IdentityService;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import javax.imageio.ImageIO;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/** Sweeps over REST: plan, launch from YAML, follow, and the grid as one PNG. */
class SweepsApiIT extends WorkspaceTestSupport {

  private static final String SWEEP =
      """
      name: rest sweep
      base: {model: tiny-sd1, prompt: a red cat, steps: 2, width: 16, height: 16, seed: 9}
      x: {field: cfg, values: "1, 5"}
      y: {field: rng, values: [philox, torch-cpu]}
      """;

  @LocalServerPort int port;
  @Autowired IdentityService identity;
  private RestClient researcher;

  @BeforeEach
  void users() {
    ApiClients.ensureUsers(identity);
    researcher = ApiClients.as(port, "researcher", TestUsers.PASSWORD);
  }

  private ResponseEntity<JsonNode> post(String path, String yaml) {
    return researcher
        .post()
        .uri(path)
        .contentType(MediaType.parseMediaType("application/yaml"))
        .body(yaml)
        .retrieve()
        .toEntity(JsonNode.class);
  }

  @Test
  void aSweepLaunchesFromYamlAndItsGridIsOneLabelledPng() throws IOException {
    JsonNode plan = post("/sweeps/plans", SWEEP).getBody();
    assertThat(plan.get("fits").asBoolean()).isTrue();
    assertThat(plan.get("estimate").get("cells").asInt()).isEqualTo(4);
    ResponseEntity<JsonNode> launched = post("/sweeps", SWEEP);
    assertThat(launched.getStatusCode().value()).isEqualTo(202);
    long id = launched.getBody().get("id").asLong();
    JsonNode grid =
        Awaitility.await()
            .atMost(Duration.ofMinutes(2))
            .pollInterval(Duration.ofMillis(200))
            .until(
                () -> researcher.get().uri("/sweeps/{id}", id).retrieve().body(JsonNode.class),
                g -> !g.get("sweep").get("status").asString().equals("RUNNING"));
    assertThat(grid.get("sweep").get("status").asString()).isEqualTo("FINISHED");
    assertThat(grid.get("cells")).hasSize(4);
    byte[] png =
        researcher.get().uri("/sweeps/{id}/grid.png?cell=40", id).retrieve().body(byte[].class);
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertThat(image.getWidth()).isGreaterThan(2 * 40);
    assertThat(image.getHeight()).isGreaterThan(2 * 40);
    ResponseEntity<JsonNode> tooSmall =
        researcher
            .get()
            .uri("/sweeps/{id}/grid.png?cell=4", id)
            .retrieve()
            .toEntity(JsonNode.class);
    assertThat(tooSmall.getStatusCode().value()).isEqualTo(400);
    assertThat(tooSmall.getBody().toString()).contains("8 to 4096");
  }

  @Test
  void aMalformedDefinitionIs400WithTheLineAndTheKey() {
    ResponseEntity<JsonNode> bad =
        post(
            "/sweeps/plans",
            "name: x\nbase: {model: tiny-sd1, prompt: x}\nx: {field: cfgg, values: [1]}\n");
    assertThat(bad.getStatusCode().value()).isEqualTo(400);
    assertThat(bad.getBody().get("line").asInt()).isEqualTo(3);
    assertThat(bad.getBody().toString()).contains("x.field").contains("cfgg");
  }
}
