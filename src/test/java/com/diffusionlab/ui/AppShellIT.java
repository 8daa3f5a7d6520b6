package com.diffusionlab.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.diffusionlab.WorkspaceTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/** What a browser's first request gets, before anyone signs in: the page's name and icon. */
class AppShellIT extends WorkspaceTestSupport {

  @LocalServerPort int port;

  private RestClient anonymous() {
    return RestClient.builder()
        .baseUrl("http://localhost:" + port)
        .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {})
        .build();
  }

  @Test
  void theSignInPageNamesTheAppAndCarriesItsIcon() {
    ResponseEntity<String> page = anonymous().get().uri("/login").retrieve().toEntity(String.class);
    assertThat(page.getStatusCode().value()).isEqualTo(200);
    assertThat(page.getBody())
        .contains("<title>Diffusion Lab</title>")
        .containsPattern("<link(?=[^>]*rel=\"icon\")(?=[^>]*href=\"icons/favicon.svg\")[^>]*>");

    ResponseEntity<String> icon =
        anonymous().get().uri("/icons/favicon.svg").retrieve().toEntity(String.class);
    assertThat(icon.getStatusCode().value()).as("the sign-in page shows it too").isEqualTo(200);
    assertThat(icon.getHeaders().getContentType()).hasToString("image/svg+xml");
    assertThat(icon.getBody()).contains("<svg").contains("Diffusion Lab");
  }
}
