package com.diffusionlab.api;

import com.diffusionlab.TestUsers;
import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.identity.Role;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/** REST clients for the API tests: users of each role, submitting and waiting for runs. */
final class ApiClients {
  private ApiClients() {}

  /** A researcher and a viewer, created once per application context. */
  static void ensureUsers(IdentityService identity) {
    for (var user :
        List.of(Map.entry("researcher", Role.RESEARCHER), Map.entry("viewer", Role.VIEWER))) {
      TestUsers.ensure(identity, user.getKey(), user.getValue());
    }
  }

  /** A client that signs in with HTTP Basic and hands error answers back instead of throwing. */
  static RestClient as(int port, String user, String password) {
    return RestClient.builder()
        .baseUrl("http://localhost:" + port + "/api/v1")
        .defaultHeaders(h -> h.setBasicAuth(user, password))
        .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {})
        .build();
  }

  static long submit(RestClient client, Map<String, Object> generation) {
    return client
        .post()
        .uri("/generations")
        .contentType(MediaType.APPLICATION_JSON)
        .body(generation)
        .retrieve()
        .body(JsonNode.class)
        .get("id")
        .asLong();
  }

  /** Polls a run until it has finished (at most two minutes). */
  static JsonNode awaitFinished(RestClient client, long id) {
    return Awaitility.await("run " + id + " finishing")
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> client.get().uri("/runs/{id}", id).retrieve().body(JsonNode.class),
            run -> !run.get("status").asString().matches("QUEUED|RUNNING"));
  }
}
