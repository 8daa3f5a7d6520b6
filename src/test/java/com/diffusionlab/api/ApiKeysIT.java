package com.diffusionlab.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.diffusionlab.TestUsers;
import com.diffusionlab.identity.AccountChanges;
import com.diffusionlab.identity.Role;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/v1/keys} and {@code Authorization: Bearer}: a key is shown once, works at once, acts
 * within its scope and its user's current role, and stops when revoked or its user is disabled.
 */
class ApiKeysIT extends ApiTestSupport {
  private static final AtomicInteger NAMES = new AtomicInteger();

  private RestClient bearer(String secret) {
    return RestClient.builder()
        .baseUrl("http://localhost:" + port + "/api/v1")
        .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + secret)
        .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {})
        .build();
  }

  private static ResponseEntity<JsonNode> create(RestClient client, Object name, Object scope) {
    Map<String, Object> body = new HashMap<>();
    body.put("name", name);
    body.put("scope", scope);
    return call(client, "POST", "/keys", body);
  }

  private static String secret(RestClient client, String scope) {
    ResponseEntity<JsonNode> created = create(client, "key-" + NAMES.incrementAndGet(), scope);
    assertThat(created.getStatusCode().value())
        .as(String.valueOf(created.getBody()))
        .isEqualTo(201);
    return created.getBody().get("secret").asString();
  }

  private static void assertProblem(ResponseEntity<JsonNode> answer, int status, String kind) {
    assertThat(answer.getStatusCode().value())
        .as(String.valueOf(answer.getBody()))
        .isEqualTo(status);
    assertThat(answer.getHeaders().getContentType().toString())
        .startsWith("application/problem+json");
    assertThat(answer.getBody().get("type").asString()).isEqualTo("/api/problems/" + kind);
  }

  @Test
  void aKeyIsShownOnceWorksAtOnceAndStopsWhenRevoked() {
    ResponseEntity<JsonNode> created = create(researcher, "  nightly sweep  ", "generate");
    assertThat(created.getStatusCode().value()).isEqualTo(201);
    JsonNode key = created.getBody();
    long id = key.get("id").asLong();
    String secret = key.get("secret").asString();
    assertThat(created.getHeaders().getLocation()).hasToString("/api/v1/keys/" + id);
    assertThat(secret).matches("dlab_[A-Za-z0-9_-]{43}");
    assertThat(key.get("name").asString()).as("trimmed").isEqualTo("nightly sweep");
    assertThat(key.get("scope").asString()).isEqualTo("GENERATE");
    assertThat(key.get("prefix").asString()).isEqualTo(secret.substring(0, 11));
    assertThat(key.get("username").asString()).isEqualTo("researcher");

    RestClient script = bearer(secret);
    ResponseEntity<JsonNode> me = call(script, "GET", "/users/me", null);
    assertThat(me.getStatusCode().value()).isEqualTo(200);
    assertThat(me.getBody().get("username").asString()).isEqualTo("researcher");
    assertThat(me.getHeaders().get(HttpHeaders.SET_COOKIE)).as("a key starts no session").isNull();

    ResponseEntity<JsonNode> listed = call(researcher, "GET", "/keys", null);
    assertThat(listed.getBody().toString())
        .as("listed without its secret")
        .contains("\"nightly sweep\"")
        .doesNotContain(secret)
        .doesNotContain(secret.substring(11));
    JsonNode mine = find(listed.getBody(), id);
    assertThat(mine.get("prefix").asString()).isEqualTo(secret.substring(0, 11));
    Awaitility.await("last use recorded")
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                !find(call(researcher, "GET", "/keys", null).getBody(), id)
                    .get("lastUsedAt")
                    .isNull());

    assertThat(call(script, "DELETE", "/keys/" + id, null).getStatusCode().value()).isEqualTo(204);
    ResponseEntity<JsonNode> revoked = call(script, "GET", "/users/me", null);
    assertProblem(revoked, 401, "unauthorized");
    assertThat(revoked.getBody().get("detail").asString()).contains("revoked");
    assertThat(revoked.getHeaders().get(HttpHeaders.WWW_AUTHENTICATE))
        .anySatisfy(challenge -> assertThat(challenge).startsWith("Bearer"));
    assertThat(call(researcher, "GET", "/keys", null).getBody().toString())
        .doesNotContain("\"id\":" + id + ",");
    assertProblem(call(researcher, "DELETE", "/keys/" + id, null), 404, "not-found");
  }

  private static JsonNode find(JsonNode keys, long id) {
    for (JsonNode key : keys) {
      if (key.get("id").asLong() == id) {
        return key;
      }
    }
    throw new AssertionError("no key " + id + " in " + keys);
  }

  @Test
  void wrongAndMalformedKeysAre401ProblemJson() {
    for (String wrong :
        new String[] {
          "dlab_" + "A".repeat(43), "dlab_short", "not-a-key", "", "dlab_" + "A".repeat(44)
        }) {
      assertProblem(call(bearer(wrong), "GET", "/runs", null), 401, "unauthorized");
    }
  }

  @Test
  void aReadKeyOnlyReads() {
    RestClient reader = bearer(secret(researcher, "READ"));
    assertThat(call(reader, "GET", "/runs", null).getStatusCode().value()).isEqualTo(200);
    ResponseEntity<String> streamed =
        reader.get().uri("/exports?format=csv&query=steps > 0").retrieve().toEntity(String.class);
    assertThat(streamed.getStatusCode().value())
        .as("a streamed download, written after the request's own dispatch")
        .isEqualTo(200);
    assertThat(streamed.getBody()).startsWith("run_id");
    ResponseEntity<JsonNode> submit =
        call(
            reader,
            "POST",
            "/generations",
            Map.of("model", "tiny-shapes", "prompt", "a ring", "steps", 1));
    assertProblem(submit, 403, "forbidden");
    assertThat(submit.getBody().get("detail").asString()).contains("READ").contains("GET");
    assertProblem(create(reader, "another", "READ"), 403, "forbidden");
  }

  @Test
  void aGenerateKeyOfAnAdministratorDoesNoAdministration() {
    RestClient generator = bearer(secret(admin, "GENERATE"));
    ResponseEntity<JsonNode> users = call(generator, "GET", "/users", null);
    assertProblem(users, 403, "forbidden");
    assertThat(users.getBody().get("detail").asString()).contains("GENERATE");
    ResponseEntity<JsonNode> wider = create(generator, "wider", "ADMIN");
    assertProblem(wider, 400, "invalid-fields");
    assertThat(wider.getBody().get("errors").get(0).get("field").asString()).isEqualTo("scope");
    assertThat(wider.getBody().get("detail").asString()).contains("API key this request");
    assertThat(create(generator, "same", "GENERATE").getStatusCode().value()).isEqualTo(201);

    RestClient administrator = bearer(secret(admin, "ADMIN"));
    assertThat(call(administrator, "GET", "/users", null).getStatusCode().value()).isEqualTo(200);
  }

  @Test
  void badInputIsNamedWithTheAllowedValues() {
    ResponseEntity<JsonNode> scope = create(researcher, "ok", "root");
    assertProblem(scope, 400, "invalid-fields");
    JsonNode error = scope.getBody().get("errors").get(0);
    assertThat(error.get("field").asString()).isEqualTo("scope");
    assertThat(error.get("value").asString()).isEqualTo("root");
    assertThat(error.get("allowed").asString()).contains("READ, GENERATE, ADMIN");

    assertThat(
            create(researcher, "ok", null).getBody().get("errors").get(0).get("field").asString())
        .isEqualTo("scope");
    for (Object name : new Object[] {null, "", "   ", "x".repeat(65), "tab\there"}) {
      ResponseEntity<JsonNode> refused = create(researcher, name, "READ");
      assertProblem(refused, 400, "invalid-fields");
      assertThat(refused.getBody().get("errors").get(0).get("field").asString()).isEqualTo("name");
    }
    ResponseEntity<JsonNode> tooWide = create(researcher, "too wide", "ADMIN");
    assertThat(tooWide.getBody().get("errors").get(0).get("allowed").asString())
        .contains("READ, GENERATE")
        .contains("researcher");
    RestClient viewer = ApiClients.as(port, "viewer", TestUsers.PASSWORD);
    assertThat(
            create(viewer, "v", "GENERATE")
                .getBody()
                .get("errors")
                .get(0)
                .get("allowed")
                .asString())
        .startsWith("one of READ:");

    String name = "twice-" + NAMES.incrementAndGet();
    assertThat(create(researcher, name, "READ").getStatusCode().value()).isEqualTo(201);
    ResponseEntity<JsonNode> again = create(researcher, name.toUpperCase(), "READ");
    assertProblem(again, 400, "invalid-fields");
    assertThat(again.getBody().get("errors").get(0).get("allowed").asString()).contains("none of");
    assertProblem(call(researcher, "DELETE", "/keys/abc", null), 400, "invalid-fields");
  }

  @Test
  void othersKeysAreNotFoundForUsersAndRevocableByAdministrators() {
    ResponseEntity<JsonNode> created = create(admin, "admin's-" + NAMES.incrementAndGet(), "READ");
    long adminKey = created.getBody().get("id").asLong();
    assertProblem(call(researcher, "DELETE", "/keys/" + adminKey, null), 404, "not-found");
    assertProblem(call(researcher, "GET", "/keys?all=true", null), 403, "forbidden");
    String researchers = secret(researcher, "READ");
    JsonNode all = call(admin, "GET", "/keys?all=true", null).getBody();
    assertThat(all.toString()).contains("\"researcher\"").contains("\"admin\"");
    long researcherKey = -1;
    for (JsonNode key : all) {
      if (researchers.startsWith(key.get("prefix").asString())
          && key.get("username").asString().equals("researcher")) {
        researcherKey = key.get("id").asLong();
      }
    }
    assertThat(call(admin, "DELETE", "/keys/" + researcherKey, null).getStatusCode().value())
        .isEqualTo(204);
    assertProblem(call(bearer(researchers), "GET", "/runs", null), 401, "unauthorized");
  }

  @Test
  void aKeyActsWithItsUsersCurrentRoleAndStopsWhenTheUserIsDisabled() {
    String username = "keyholder-" + NAMES.incrementAndGet();
    TestUsers.ensure(identity, username, Role.RESEARCHER);
    RestClient user = ApiClients.as(port, username, TestUsers.PASSWORD);
    RestClient key = bearer(secret(user, "GENERATE"));
    Map<String, Object> job = Map.of("model", "tiny-shapes", "prompt", "a ring", "steps", 1);
    ResponseEntity<JsonNode> submitted = call(key, "POST", "/generations", job);
    assertThat(submitted.getStatusCode().value()).isEqualTo(202);
    call(key, "POST", "/runs/" + submitted.getBody().get("id").asLong() + "/cancel", null);

    TestUsers.as(
        "test-admin",
        Role.ADMIN,
        () -> identity.update(username, new AccountChanges(Role.VIEWER, null)));
    assertProblem(call(key, "POST", "/generations", job), 403, "forbidden");
    assertThat(call(key, "GET", "/runs", null).getStatusCode().value()).isEqualTo(200);

    TestUsers.as(
        "test-admin", Role.ADMIN, () -> identity.update(username, new AccountChanges(null, false)));
    assertProblem(call(key, "GET", "/runs", null), 401, "unauthorized");
    TestUsers.as(
        "test-admin", Role.ADMIN, () -> identity.update(username, new AccountChanges(null, true)));
    assertThat(call(key, "GET", "/runs", null).getStatusCode().value())
        .as("enabled again, the key works again")
        .isEqualTo(200);

    // the request knows its user from the key's check: a password reset reaches it at once
    TestUsers.as(
        "test-admin",
        Role.ADMIN,
        () -> identity.resetPassword(username, "One-Time-Password-" + NAMES.incrementAndGet()));
    ResponseEntity<JsonNode> owing = call(key, "GET", "/runs", null);
    assertProblem(owing, 403, "forbidden");
    assertThat(owing.getBody().get("detail").asString()).contains("one-time");
  }
}
