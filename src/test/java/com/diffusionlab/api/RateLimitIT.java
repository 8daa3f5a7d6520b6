package com.diffusionlab.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.diffusionlab.GovernedWorkspaceTestSupport;
import com.diffusionlab.TestUsers;
import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.identity.Role;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * A caller over its request rate gets 429 with Retry-After and problem JSON naming the limit, and
 * is served again once the bucket refilled; reads and writes have buckets of their own, and one
 * caller's requests do not use up another's.
 */
class RateLimitIT extends GovernedWorkspaceTestSupport {

  @LocalServerPort int port;
  @Autowired IdentityService identity;

  private ResponseEntity<JsonNode> me(RestClient client) {
    return client.get().uri("/users/me").retrieve().toEntity(JsonNode.class);
  }

  @Test
  void aCallerOverItsRateIsToldWhenToComeBackAndIsServedAfterTheRefill() {
    TestUsers.ensure(identity, "rate-reader", Role.RESEARCHER);
    TestUsers.ensure(identity, "rate-other", Role.RESEARCHER);
    RestClient reader = ApiClients.as(port, "rate-reader", TestUsers.PASSWORD);
    for (int i = 0; i < 20; i++) {
      assertThat(me(reader).getStatusCode().value())
          .as("read %d of the burst", i + 1)
          .isEqualTo(200);
    }
    ResponseEntity<JsonNode> refused = me(reader);
    assertThat(refused.getStatusCode().value()).isEqualTo(429);
    assertThat(refused.getHeaders().getFirst("Retry-After")).isEqualTo("1");
    assertThat(
            refused
                .getHeaders()
                .getContentType()
                .isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .isTrue();
    assertThat(refused.getBody().get("type").asString()).isEqualTo("/api/problems/rate-limited");
    assertThat(refused.getBody().get("detail").asString())
        .isEqualTo(
            "too many requests: user rate-reader may make 10 reads a second (bursts of 20); try"
                + " again in 1 s");

    assertThat(
            reader
                .put()
                .uri("/users/me")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("theme", "DARK"))
                .retrieve()
                .toEntity(JsonNode.class)
                .getStatusCode()
                .value())
        .as("writes have their own bucket")
        .isEqualTo(200);
    assertThat(me(ApiClients.as(port, "rate-other", TestUsers.PASSWORD)).getStatusCode().value())
        .as("another user has their own")
        .isEqualTo(200);

    clock.advance(Duration.ofSeconds(1));
    for (int i = 0; i < 10; i++) {
      assertThat(me(reader).getStatusCode().value())
          .as("read %d after a second's refill", i + 1)
          .isEqualTo(200);
    }
    assertThat(me(reader).getStatusCode().value()).isEqualTo(429);
  }

  @Test
  void thePublicEndpointsDrawFromNoBucket() {
    RestClient anonymous =
        RestClient.builder()
            .baseUrl("http://localhost:" + port + "/api/v1")
            .defaultStatusHandler(status -> true, (request, response) -> {})
            .build();
    for (int i = 0; i < 30; i++) {
      assertThat(
              anonymous
                  .get()
                  .uri("/ready")
                  .retrieve()
                  .toEntity(String.class)
                  .getStatusCode()
                  .value())
          .isNotEqualTo(429);
    }
  }
}
