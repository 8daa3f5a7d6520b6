package com.diffusionlab.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /api/v1/audit}: what people did over REST is in the log with who and from where, refusals
 * included; only administrators read it; the export is JSON lines whose hashes a tool outside the
 * workspace can recompute.
 */
class AuditApiIT extends ApiTestSupport {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private JsonNode entries(String query) {
    ResponseEntity<JsonNode> page =
        admin.get().uri("/audit?size=500&" + query).retrieve().toEntity(JsonNode.class);
    assertThat(page.getStatusCode().value()).as(String.valueOf(page.getBody())).isEqualTo(200);
    return page.getBody().get("content");
  }

  @Test
  void actionsAndRefusalsAreLoggedWithWhoAndFromWhere() {
    String stranger = "nobody-" + System.nanoTime();
    assertThat(
            ApiClients.as(port, stranger, "wrong-password")
                .get()
                .uri("/runs")
                .retrieve()
                .toBodilessEntity()
                .getStatusCode()
                .value())
        .isEqualTo(401);
    JsonNode failures = entries("action=sign-in.failure&actor=" + stranger);
    assertThat(failures).hasSize(1);
    assertThat(failures.get(0).get("outcome").asString()).isEqualTo("REFUSED");
    assertThat(failures.get(0).get("address").asString()).isEqualTo("127.0.0.1");

    long session =
        admin
            .post()
            .uri("/sessions")
            .contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("name", "audited " + System.nanoTime(), "shared", true))
            .retrieve()
            .body(JsonNode.class)
            .get("id")
            .asLong();
    admin.post().uri("/sessions/" + session + "/close").retrieve().toBodilessEntity();
    ResponseEntity<JsonNode> refused =
        researcher
            .post()
            .uri("/generations")
            .contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("prompt", "a circle", "steps", 2, "sessionId", session))
            .retrieve()
            .toEntity(JsonNode.class);
    assertThat(refused.getStatusCode().value()).isEqualTo(403);

    List<String> lines = new ArrayList<>();
    for (JsonNode entry : entries("action=session")) {
      if (entry.get("target").asString().equals("session " + session)) {
        lines.add(
            entry.get("actor").asString()
                + " "
                + entry.get("address").asString()
                + " "
                + entry.get("action").asString()
                + " "
                + entry.get("outcome").asString());
      }
    }
    assertThat(lines)
        .containsExactly(
            "admin 127.0.0.1 session.close SUCCEEDED", "admin 127.0.0.1 session.create SUCCEEDED");
    JsonNode submissions = entries("actor=researcher&outcome=refused&action=run.submit");
    assertThat(submissions.get(0).get("target").asString()).isEqualTo("session " + session);
    assertThat(submissions.get(0).get("detail").asString()).contains("closed");
  }

  @Test
  void onlyAdministratorsReadTheLogAndBadFiltersAreNamed() {
    for (String path : List.of("/audit", "/audit/export", "/audit/verify")) {
      assertThat(researcher.get().uri(path).retrieve().toBodilessEntity().getStatusCode().value())
          .as(path)
          .isEqualTo(403);
    }
    ResponseEntity<JsonNode> bad =
        admin.get().uri("/audit?outcome=maybe&size=5000").retrieve().toEntity(JsonNode.class);
    assertThat(bad.getStatusCode().value()).isEqualTo(400);
    assertThat(bad.getBody().get("detail").asString())
        .contains("outcome=maybe is not allowed: one of SUCCEEDED, REFUSED, FAILED");
    ResponseEntity<JsonNode> badTime =
        admin.get().uri("/audit/export?from=yesterday").retrieve().toEntity(JsonNode.class);
    assertThat(badTime.getStatusCode().value()).isEqualTo(400);
    assertThat(badTime.getBody().get("detail").asString()).contains("from=yesterday");
  }

  @Test
  void theExportIsJsonLinesAnOutsideToolCanVerify() throws Exception {
    ResponseEntity<String> export =
        admin.get().uri("/audit/export").retrieve().toEntity(String.class);
    assertThat(export.getHeaders().getContentType())
        .isEqualTo(MediaType.parseMediaType("application/x-ndjson;charset=UTF-8"));
    List<String> lines = export.getBody().lines().toList();
    assertThat(lines).isNotEmpty();
    assertThat(export.getHeaders().getFirst("X-Audit-Entries"))
        .isEqualTo(String.valueOf(lines.size()));
    String previous = "0".repeat(64);
    long sequence = 0;
    for (String line : lines) {
      JsonNode entry = JSON.readTree(line);
      assertThat(entry.propertyNames())
          .containsExactly(
              "sequence",
              "time",
              "actor",
              "address",
              "action",
              "target",
              "outcome",
              "detail",
              "previousHash",
              "hash");
      assertThat(entry.get("sequence").asLong()).isEqualTo(++sequence);
      assertThat(entry.get("previousHash").asString()).isEqualTo(previous);
      assertThat(entry.get("hash").asString()).as(line).isEqualTo(recomputed(entry));
      previous = entry.get("hash").asString();
    }

    JsonNode verified = admin.get().uri("/audit/verify").retrieve().body(JsonNode.class);
    assertThat(verified.get("intact").asBoolean()).isTrue();
    assertThat(verified.get("entries").asLong()).isGreaterThanOrEqualTo(lines.size());
    assertThat(verified.get("summary").asString()).startsWith("OK: ");
  }

  /** The hash as README's "Audit log" section tells an outside tool to compute it. */
  private static String recomputed(JsonNode entry) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    for (String field :
        List.of(
            "previousHash",
            "sequence",
            "time",
            "actor",
            "address",
            "action",
            "target",
            "outcome",
            "detail")) {
      byte[] utf8 = entry.get(field).asString().getBytes(StandardCharsets.UTF_8);
      out.writeInt(utf8.length);
      out.write(utf8);
    }
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));
  }
}
