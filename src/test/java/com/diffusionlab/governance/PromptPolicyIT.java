package com.diffusionlab.governance;

import static org.assertj.core.api.Assertions.assertThat;

import com.diffusionlab.AuditEvent;
import com.diffusionlab.GovernedWorkspaceTestSupport;
import com.diffusionlab.TestUsers;
import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.identity.Role;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * The prompt policy refuses a generation or a sweep whose prompt or negative prompt holds a denied
 * word (also in full-width letters or capitals) or matches a denied pattern, before anything is
 * recorded, naming the field and the rule; the refusal is audited. Words are whole words only.
 */
class PromptPolicyIT extends GovernedWorkspaceTestSupport {

  @LocalServerPort int port;
  @Autowired IdentityService identity;

  private RestClient researcher;

  @BeforeEach
  void researcher() {
    TestUsers.ensure(identity, "policy-researcher", Role.RESEARCHER);
    researcher =
        RestClient.builder()
            .baseUrl("http://localhost:" + port + "/api/v1")
            .defaultHeaders(h -> h.setBasicAuth("policy-researcher", TestUsers.PASSWORD))
            .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {})
            .build();
  }

  private ResponseEntity<JsonNode> generate(String prompt, String negativePrompt) {
    Map<String, Object> body = new HashMap<>();
    body.put("model", "tiny-shapes");
    body.put("prompt", prompt);
    body.put("negativePrompt", negativePrompt);
    body.put("steps", 2);
    body.put("seed", 3);
    return researcher
        .post()
        .uri("/generations")
        .contentType(MediaType.APPLICATION_JSON)
        .body(body)
        .retrieve()
        .toEntity(JsonNode.class);
  }

  private int runs() {
    return researcher
        .get()
        .uri("/runs")
        .retrieve()
        .body(JsonNode.class)
        .get("totalElements")
        .asInt();
  }

  @Test
  void aDeniedWordOrPatternIsRefusedNamingTheFieldAndTheRuleAndNothingIsRecorded() {
    int before = runs();
    ResponseEntity<JsonNode> plain = generate("two FORBIDDEN circles", null);
    assertThat(plain.getStatusCode().value()).isEqualTo(400);
    JsonNode error = plain.getBody().get("errors").get(0);
    assertThat(error.get("field").asString()).isEqualTo("prompt");
    assertThat(error.get("allowed").asString())
        .isEqualTo(
            "text the workspace's prompt policy allows: it contains a denied word ('forbidden')");

    assertThat(generate("two ｆｏｒｂｉｄｄｅｎ circles", null).getStatusCode().value())
        .as("full-width letters are the same word")
        .isEqualTo(400);
    assertThat(generate("two forbid\u200Bden circles", null).getStatusCode().value())
        .as("a zero-width space does not split it")
        .isEqualTo(400);

    ResponseEntity<JsonNode> negative = generate("three squares", "a red   PANDA");
    assertThat(negative.getStatusCode().value()).isEqualTo(400);
    assertThat(negative.getBody().get("errors").get(0).get("field").asString())
        .isEqualTo("negativePrompt");
    assertThat(negative.getBody().get("detail").asString()).contains("('Red Panda')");

    ResponseEntity<JsonNode> pattern = generate("a B4D W0RD here", null);
    assertThat(pattern.getStatusCode().value()).isEqualTo(400);
    assertThat(pattern.getBody().get("detail").asString())
        .contains("matches a denied pattern ('b[a4]d\\s*w[o0]rd')");

    assertThat(runs()).as("nothing was recorded or queued").isEqualTo(before);
    assertThat(audit.all())
        .anySatisfy(
            event -> {
              assertThat(event.action()).isEqualTo("run.submit");
              assertThat(event.outcome()).isEqualTo(AuditEvent.Outcome.REFUSED);
              assertThat(event.actor()).isEqualTo("policy-researcher");
              assertThat(event.detail())
                  .isEqualTo(
                      "prompt policy: negativePrompt text the workspace's prompt policy allows:"
                          + " it contains a denied word ('Red Panda')");
            });
  }

  @Test
  void wordsAreWholeWordsOnly() {
    ResponseEntity<JsonNode> accepted = generate("the unforbiddenness of red pandas", null);
    assertThat(accepted.getStatusCode().value()).as(accepted.toString()).isEqualTo(202);
  }

  @Test
  void aSweepCellWithADeniedPromptRefusesTheSweepNamingTheCell() {
    String sweep =
        """
        name: policy
        base: {model: tiny-shapes, prompt: a small cat, steps: 2, seed: 1}
        x: {field: prompt_sr, values: "cat, forbidden"}
        """;
    for (String path : new String[] {"/sweeps/plans", "/sweeps"}) {
      ResponseEntity<JsonNode> refused =
          researcher
              .post()
              .uri(path)
              .contentType(MediaType.parseMediaType("application/yaml"))
              .body(sweep)
              .retrieve()
              .toEntity(JsonNode.class);
      assertThat(refused.getStatusCode().value()).isEqualTo(400);
      assertThat(refused.getBody().get("errors").get(0).get("field").asString())
          .contains("forbidden")
          .endsWith(": prompt");
    }
  }
}
