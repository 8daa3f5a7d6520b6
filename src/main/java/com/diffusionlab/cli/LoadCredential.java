package com.diffusionlab.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

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
   * The session cookie of one sign-in on the form at {@code /login}, reused by every request: the
   * server looks the session up in memory.
   *
   * @throws IllegalStateException when the sign-in is refused
   */
  static LoadCredential sessionCookie(String address, String user, String password)
      throws IOException, InterruptedException {
    String form =
        "username="
            + URLEncoder.encode(user, StandardCharsets.UTF_8)
            + "&password="
            + URLEncoder.encode(password, StandardCharsets.UTF_8);
    try (HttpClient http =
        HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()) {
      HttpResponse<Void> response =
          http.send(
              HttpRequest.newBuilder(URI.create(address + "/login"))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(HttpRequest.BodyPublishers.ofString(form))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      List<String> cookies = response.headers().allValues("Set-Cookie");
      String location = response.headers().firstValue("Location").orElse("");
      String session =
          cookies.stream()
              .filter(cookie -> cookie.startsWith("JSESSIONID="))
              .map(
                  cookie ->
                      cookie.substring(
                          0, cookie.indexOf(';') < 0 ? cookie.length() : cookie.indexOf(';')))
              .findFirst()
              .orElse(null);
      if (response.statusCode() != 302 || session == null || location.contains("error")) {
        throw new IllegalStateException(
            "signing in as "
                + user
                + " on "
                + address
                + "/login answered "
                + response.statusCode()
                + " to "
                + location);
      }
      return new LoadCredential(
          "Cookie", session, "a session cookie from one sign-in on the sign-in form");
    }
  }
}
