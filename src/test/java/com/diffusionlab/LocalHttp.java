package com.diffusionlab;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Plain HTTP to a port of this machine, for tests of what answers there: the answer as it comes
 * (status, headers, text), signed in with HTTP Basic or not.
 */
public final class LocalHttp {
  private final HttpClient http = HttpClient.newHttpClient();

  /** GETs {@code path} on {@code port}, as {@code user} unless that is null. */
  public HttpResponse<String> get(int port, String path, String user, String password) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
    if (user != null) {
      request.header("Authorization", basic(user, password));
    }
    return send(http, request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The {@code Authorization} header's value that signs in {@code user} with HTTP Basic. */
  public static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** Sends {@code request}; a failure to connect or an interruption fails the test. */
  public static <T> HttpResponse<T> send(
      HttpClient http, HttpRequest request, HttpResponse.BodyHandler<T> body) {
    try {
      return http.send(request, body);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
