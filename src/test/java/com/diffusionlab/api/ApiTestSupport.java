package com.diffusionlab.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.diffusionlab.TestUsers;
import com.diffusionlab.WorkspaceTestSupport;
import com.diffusionlab.identity.IdentityService;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * A test of the REST API of this test's workspace, with clients of its administrator, a researcher
 * and a viewer (made once per application context) that hand error answers back.
 */
abstract class ApiTestSupport extends WorkspaceTestSupport {

  @LocalServerPort int port;
  @Autowired IdentityService identity;

  RestClient admin;
  RestClient researcher;
  RestClient viewer;

  @BeforeEach
  void signedInClients() {
    ApiClients.ensureUsers(identity);
    admin = ApiClients.as(port, "admin", ADMIN_PASSWORD);
    researcher = ApiClients.as(port, "researcher", TestUsers.PASSWORD);
    viewer = ApiClients.as(port, "viewer", TestUsers.PASSWORD);
  }

  /** {@code method} on {@code uri}, with {@code body} as JSON unless null; the answer as it is. */
  static ResponseEntity<JsonNode> call(RestClient client, String method, String uri, Object body) {
    RestClient.RequestBodySpec request = client.method(HttpMethod.valueOf(method)).uri(uri);
    if (body != null) {
      request.contentType(MediaType.APPLICATION_JSON).body(body);
    }
    return request.retrieve().toEntity(JsonNode.class);
  }

  /** The answer's body, once its status is {@code status} (else fails, showing the body). */
  static JsonNode expect(ResponseEntity<JsonNode> response, int status) {
    assertThat(response.getStatusCode().value())
        .as(String.valueOf(response.getBody()))
        .isEqualTo(status);
    return response.getBody();
  }
}
