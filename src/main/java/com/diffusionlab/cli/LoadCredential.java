package com.diffusionlab.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * How every request of {@code dlab bench-load}'s clients proves who it is: one header, obtained
 * once before the clients start, so that the benchmark measures what checking it costs the server.
 *
 * @param header the header's name
 * @param value its value, sent with every request
 * @param description what the report says it is
 */
record LoadCredential(String header, String value, String description) {

  /** HTTP Basic: the password checked against its BCrypt hash on every request. */
  static LoadCredential basic(String user, String password) {
    return new LoadCredential(
        "Authorization",
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)),
        "HTTP Basic (the password's BCrypt hash checked on every request)");
  }

  /**
   * An API key made once for the signed-in user with {@code POST /api/v1/keys} (scope GENERATE):
   * the server checks the SHA-256 of its secret, from memory after the first use.
   */
  static LoadCredential apiKey(ServerClient signedIn) throws IOException, InterruptedException {
    JsonNode created =
        signedIn.postJson(
            "/keys",
            // a name of its own for each start of the workspace on the same database
            Map.of("name", "dlab bench-load " + UUID.randomUUID(), "scope", "GENERATE"));
    return new LoadCredential(
        "Authorization",
        "Bearer " + created.get("secret").asText(),
        "an API key (Bearer, the SHA-256 of its secret checked on every request)");
  }
}
