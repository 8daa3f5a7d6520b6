package com.diffusionlab.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.diffusionlab.WorkspaceTestSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Behind a reverse proxy that ends TLS, with {@code server.forward-headers-strategy=native} as the
 * README says: the session cookie is {@code Secure} when the proxy says the request came over
 * HTTPS, and not when it says HTTP.
 */
@TestPropertySource(properties = "server.forward-headers-strategy=native")
class ForwardedTlsCookieIT extends WorkspaceTestSupport {

  @LocalServerPort int port;

  private String sessionCookie(String forwardedProto) throws Exception {
    try (HttpClient http =
        HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()) {
      HttpResponse<Void> page =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
                  .header("X-Forwarded-Proto", forwardedProto)
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      assertThat(page.statusCode()).isEqualTo(200);
      return page.headers().allValues("Set-Cookie").stream()
          .filter(cookie -> cookie.startsWith("JSESSIONID="))
          .findFirst()
          .orElseThrow();
    }
  }

  @Test
  void theSessionCookieIsSecureWhenTheProxySaysHttps() throws Exception {
    assertThat(sessionCookie("https"))
        .containsIgnoringCase("; Secure")
        .containsIgnoringCase("SameSite=Lax")
        .containsIgnoringCase("HttpOnly");
    assertThat(sessionCookie("http")).doesNotContainIgnoringCase("Secure");
  }
}
