package com.diffusionlab.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.diffusionlab.TestUsers;
import com.diffusionlab.WorkspaceTestSupport;
import com.diffusionlab.identity.IdentityService;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/v1/users}: administrators manage users, everyone their own password and theme, a
 * one-time password opens nothing but its own change, a disabled user is turned away.
 */
class UsersApiIT extends WorkspaceTestSupport {

  private static final AtomicInteger NAMES = new AtomicInteger();

  @LocalServerPort int port;
  @Autowired IdentityService identity;

  private RestClient admin;

  @BeforeEach
  void clients() {
    ApiClients.ensureUsers(identity);
    admin = ApiClients.as(port, "admin", ADMIN_PASSWORD);
  }

  private static String name(String prefix) {
    return prefix + "-api-" + NAMES.incrementAndGet();
  }

  private RestClient as(String username, String password) {
    return ApiClients.as(port, username, password);
  }

  private static RestClient.ResponseSpec call(
      RestClient client, String method, String uri, Object body) {
    RestClient.RequestBodySpec request = client.method(HttpMethod.valueOf(method)).uri(uri);
    if (body != null) {
      request.contentType(MediaType.APPLICATION_JSON).body(body);
    }
    return request.retrieve();
  }

  private static ResponseEntity<String> send(
      RestClient client, String method, String uri, Object body) {
    return call(client, method, uri, body).toEntity(String.class);
  }

  private static ResponseEntity<JsonNode> json(
      RestClient client, String method, String uri, Object body) {
    return call(client, method, uri, body).toEntity(JsonNode.class);
  }

  private ResponseEntity<JsonNode> add(String username, String role, String password) {
    return json(
        admin, "POST", "/users", Map.of("username", username, "role", role, "password", password));
  }

  @Test
  void anAdministratorAddsListsChangesAndResetsUsers() {
    String ada = name("ada");
    ResponseEntity<JsonNode> created = add(ada, "researcher", TestUsers.ONE_TIME);
    assertThat(created.getStatusCode().value()).isEqualTo(201);
    assertThat(created.getHeaders().getLocation()).hasToString("/api/v1/users/" + ada);
    assertThat(created.getBody().get("username").asString()).isEqualTo(ada);
    assertThat(created.getBody().get("role").asString()).isEqualTo("RESEARCHER");
    assertThat(created.getBody().get("mustChangePassword").asBoolean()).isTrue();
    assertThat(created.getBody().get("enabled").asBoolean()).isTrue();
    assertThat(created.getBody().toString())
        .as("no password, not even its hash, is ever answered")
        .doesNotContain(TestUsers.ONE_TIME)
        .doesNotContainIgnoringCase("hash")
        .doesNotContain("$2a$");

    ResponseEntity<String> list = send(admin, "GET", "/users", null);
    assertThat(list.getStatusCode().value()).isEqualTo(200);
    assertThat(list.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_JSON))
        .as("JSON, not the app's HTML page")
        .isTrue();
    assertThat(list.getBody()).startsWith("[").contains("\"" + ada + "\"").contains("\"admin\"");

    assertThat(json(admin, "GET", "/users/" + ada, null).getBody().get("role").asString())
        .isEqualTo("RESEARCHER");
    ResponseEntity<JsonNode> promoted =
        json(admin, "PATCH", "/users/" + ada, Map.of("role", "VIEWER"));
    assertThat(promoted.getStatusCode().value()).isEqualTo(200);
    assertThat(promoted.getBody().get("role").asString()).isEqualTo("VIEWER");
    assertThat(promoted.getBody().get("enabled").asBoolean()).as("absent fields stay").isTrue();

    ResponseEntity<JsonNode> reset =
        json(
            admin,
            "POST",
            "/users/" + ada + "/password-reset",
            Map.of("password", "Reset-Harbor-Tulip-8"));
    assertThat(reset.getStatusCode().value()).isEqualTo(200);
    assertThat(reset.getBody().get("mustChangePassword").asBoolean()).isTrue();
    assertThat(send(as(ada, "Reset-Harbor-Tulip-8"), "GET", "/users/me", null).getStatusCode())
        .matches(status -> status.value() == 200);
  }

  @Test
  void researchersAndViewersManageNobodyButThemselves() {
    String target = name("target");
    add(target, "VIEWER", TestUsers.ONE_TIME);
    for (String username : new String[] {"researcher", "viewer"}) {
      RestClient user = as(username, TestUsers.PASSWORD);
      assertThat(send(user, "GET", "/users", null).getStatusCode().value()).isEqualTo(403);
      assertThat(send(user, "GET", "/users/" + target, null).getStatusCode().value())
          .isEqualTo(403);
      assertThat(
              send(
                      user,
                      "POST",
                      "/users",
                      Map.of("username", name("x"), "role", "ADMIN", "password", "Take-Over-99x"))
                  .getStatusCode()
                  .value())
          .isEqualTo(403);
      assertThat(
              send(user, "PATCH", "/users/" + username, Map.of("role", "ADMIN"))
                  .getStatusCode()
                  .value())
          .as("nobody promotes themselves")
          .isEqualTo(403);
      assertThat(
              send(
                      user,
                      "POST",
                      "/users/admin/password-reset",
                      Map.of("password", "Taken-Over-Lantern-1"))
                  .getStatusCode()
                  .value())
          .isEqualTo(403);
      ResponseEntity<JsonNode> me = json(user, "GET", "/users/me", null);
      assertThat(me.getStatusCode().value()).isEqualTo(200);
      assertThat(me.getBody().get("username").asString()).isEqualTo(username);
    }
    assertThat(send(as("admin", "not-the-password"), "GET", "/users/me", null).getStatusCode())
        .matches(status -> status.value() == 401);
    assertThat(
            send(
                    RestClient.builder()
                        .baseUrl("http://localhost:" + port + "/api/v1")
                        .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {})
                        .build(),
                    "GET",
                    "/users",
                    null)
                .getStatusCode()
                .value())
        .isEqualTo(401);
  }

  @Test
  void badInputIsRefusedNamingTheFieldAndNothingIsCreated() {
    String bea = name("bea");
    ResponseEntity<String> badName =
        send(
            admin,
            "POST",
            "/users",
            Map.of("username", "bea lovelace", "role", "VIEWER", "password", TestUsers.ONE_TIME));
    assertThat(badName.getStatusCode().value()).isEqualTo(400);
    assertThat(badName.getBody())
        .contains("username")
        .contains("bea lovelace")
        .contains("letters, digits");

    ResponseEntity<String> badRole =
        send(
            admin,
            "POST",
            "/users",
            Map.of("username", bea, "role", "superuser", "password", TestUsers.ONE_TIME));
    assertThat(badRole.getStatusCode().value()).isEqualTo(400);
    assertThat(badRole.getBody()).contains("role").contains("superuser").contains("RESEARCHER");

    ResponseEntity<String> noRole =
        send(admin, "POST", "/users", Map.of("username", bea, "password", TestUsers.ONE_TIME));
    assertThat(noRole.getStatusCode().value()).isEqualTo(400);
    assertThat(noRole.getBody()).contains("role");

    ResponseEntity<String> weak =
        send(
            admin,
            "POST",
            "/users",
            Map.of("username", bea, "role", "VIEWER", "password", "password1234"));
    assertThat(weak.getStatusCode().value()).isEqualTo(400);
    assertThat(weak.getBody())
        .contains("password")
        .contains("most common")
        .doesNotContain("password1234");

    ResponseEntity<String> named =
        send(
            admin,
            "POST",
            "/users",
            Map.of("username", bea, "role", "VIEWER", "password", "My-" + bea + "-Password"));
    assertThat(named.getStatusCode().value()).isEqualTo(400);
    assertThat(named.getBody()).contains("username");
    assertThat(send(admin, "GET", "/users/" + bea, null).getStatusCode().value())
        .as("nothing was created")
        .isEqualTo(404);

    add(bea, "VIEWER", TestUsers.ONE_TIME);
    ResponseEntity<String> taken =
        send(
            admin,
            "POST",
            "/users",
            Map.of(
                "username", bea.toUpperCase(), "role", "VIEWER", "password", TestUsers.ONE_TIME));
    assertThat(taken.getStatusCode().value()).isEqualTo(400);
    assertThat(taken.getBody()).contains("taken");

    assertThat(send(admin, "PATCH", "/users/" + bea, Map.of("role", "god")).getBody())
        .contains("role")
        .contains("god");
    ResponseEntity<String> nothing = send(admin, "PATCH", "/users/" + bea, Map.of());
    assertThat(nothing.getStatusCode().value()).isEqualTo(400);
    assertThat(nothing.getBody()).contains("a role or enabled");
    ResponseEntity<String> selfDisable =
        send(admin, "PATCH", "/users/admin", Map.of("enabled", false));
    assertThat(selfDisable.getStatusCode().value()).isEqualTo(400);
    assertThat(selfDisable.getBody()).contains("enabled").contains("cannot disable yourself");
    assertThat(send(admin, "PATCH", "/users/nobody-here", Map.of("enabled", false)).getStatusCode())
        .matches(status -> status.value() == 404);
    assertThat(
            send(admin, "POST", "/users/" + bea + "/password-reset", Map.of("password", "short"))
                .getBody())
        .contains("password")
        .contains("at least 12 characters");
  }

  @Test
  void aOneTimePasswordOpensNothingButItsOwnChange() {
    String cy = name("cy");
    add(cy, "RESEARCHER", TestUsers.ONE_TIME);
    RestClient oneTime = as(cy, TestUsers.ONE_TIME);

    ResponseEntity<String> runs = send(oneTime, "GET", "/runs", null);
    assertThat(runs.getStatusCode().value()).isEqualTo(403);
    assertThat(runs.getBody()).contains("one-time").contains("/api/v1/users/me/password");
    assertThat(send(oneTime, "GET", "/models", null).getStatusCode().value()).isEqualTo(403);
    ResponseEntity<JsonNode> me = json(oneTime, "GET", "/users/me", null);
    assertThat(me.getStatusCode().value()).isEqualTo(200);
    assertThat(me.getBody().get("mustChangePassword").asBoolean()).isTrue();

    ResponseEntity<String> wrongCurrent =
        send(
            oneTime,
            "PUT",
            "/users/me/password",
            Map.of("currentPassword", "not-it-at-all", "newPassword", TestUsers.PASSWORD));
    assertThat(wrongCurrent.getStatusCode().value()).isEqualTo(400);
    assertThat(wrongCurrent.getBody()).contains("currentPassword").doesNotContain("not-it-at-all");
    ResponseEntity<String> weakNew =
        send(
            oneTime,
            "PUT",
            "/users/me/password",
            Map.of("currentPassword", TestUsers.ONE_TIME, "newPassword", "qazwsxedcrfv"));
    assertThat(weakNew.getStatusCode().value()).isEqualTo(400);
    assertThat(weakNew.getBody()).contains("newPassword").doesNotContain("qazwsxedcrfv");

    ResponseEntity<String> changed =
        send(
            oneTime,
            "PUT",
            "/users/me/password",
            Map.of("currentPassword", TestUsers.ONE_TIME, "newPassword", TestUsers.PASSWORD));
    assertThat(changed.getStatusCode().value()).isEqualTo(204);
    RestClient own = as(cy, TestUsers.PASSWORD);
    assertThat(send(own, "GET", "/runs", null).getStatusCode().value()).isEqualTo(200);
    assertThat(send(oneTime, "GET", "/users/me", null).getStatusCode().value())
        .as("the one-time password is gone")
        .isEqualTo(401);
  }

  @Test
  void aDisabledUserIsTurnedAwayUntilEnabledAgain() {
    String dee = name("dee");
    add(dee, "VIEWER", TestUsers.ONE_TIME);
    RestClient user = as(dee, TestUsers.ONE_TIME);
    assertThat(send(user, "GET", "/users/me", null).getStatusCode().value()).isEqualTo(200);

    ResponseEntity<JsonNode> disabled =
        json(admin, "PATCH", "/users/" + dee, Map.of("enabled", false));
    assertThat(disabled.getBody().get("enabled").asBoolean()).isFalse();
    ResponseEntity<String> refused = send(user, "GET", "/users/me", null);
    assertThat(refused.getStatusCode().value()).isEqualTo(401);
    assertThat(refused.getBody()).doesNotContain("<html");

    json(admin, "PATCH", "/users/" + dee, Map.of("enabled", true));
    assertThat(send(user, "GET", "/users/me", null).getStatusCode().value()).isEqualTo(200);
  }

  @Test
  void everyoneKeepsTheirOwnTheme() {
    RestClient viewer = as("viewer", TestUsers.PASSWORD);
    ResponseEntity<JsonNode> dark = json(viewer, "PUT", "/users/me", Map.of("theme", "dark"));
    assertThat(dark.getStatusCode().value()).isEqualTo(200);
    assertThat(dark.getBody().get("theme").asString()).isEqualTo("DARK");
    assertThat(json(viewer, "GET", "/users/me", null).getBody().get("theme").asString())
        .isEqualTo("DARK");
    ResponseEntity<String> blue = send(viewer, "PUT", "/users/me", Map.of("theme", "blue"));
    assertThat(blue.getStatusCode().value()).isEqualTo(400);
    assertThat(blue.getBody()).contains("theme").contains("blue").contains("one of LIGHT, DARK");
    json(viewer, "PUT", "/users/me", Map.of("theme", "LIGHT"));
  }
}
