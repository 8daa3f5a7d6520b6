package com.diffusionlab.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.diffusionlab.TestUsers;
import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.identity.Role;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * API keys in the browser, at a laptop's 1280×800 and a desktop's 1920×1080: reached from the user
 * menu, a key created with its secret shown once and copied, the key working for a script, revoked
 * after a confirmation and turned away from then on.
 */
class ApiKeysBrowserIT extends BrowserTestSupport {

  @Autowired IdentityService identity;

  private int status(String secret) throws IOException, InterruptedException {
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(
              HttpRequest.newBuilder(URI.create(url("api/v1/users/me")))
                  .header("Authorization", "Bearer " + secret)
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    }
  }

  @Test
  void aResearcherCreatesCopiesUsesAndRevokesAKey() throws Exception {
    String user = "keys-ui-" + Long.toString(System.nanoTime() % 1_000_000, 36);
    TestUsers.ensure(identity, user, Role.RESEARCHER);
    Page page = signIn(port, user, TestUsers.PASSWORD, 1280, 800);
    page.context().grantPermissions(List.of("clipboard-read", "clipboard-write"));

    page.locator("#api-keys-link").click();
    Locator grid = page.locator("#keys-grid");
    assertThat(grid).containsText("No API keys yet");
    assertFitsEverySize(page, "api-keys-empty", page.locator("#create-key"));

    page.locator("#create-key").click();
    assertThat(page.locator("#new-key-scope")).containsText("Generate");
    // a researcher's keys do no administration
    assertThat(page.locator("#new-key-scope")).not().containsText("Admin");
    page.locator("#create-key-confirm").click();
    assertThat(page.locator("#new-key-name")).hasAttribute("invalid", "");
    assertThat(page.locator("#new-key-name [slot='error-message']")).containsText("characters");
    assertFitsEverySize(page, "api-keys-create", page.locator("#create-key-confirm"));
    page.locator("#new-key-name input").fill("nightly sweep");
    page.locator("#new-key-scope vaadin-radio-button")
        .filter(new Locator.FilterOptions().setHasText("Generate"))
        .click();
    page.locator("#create-key-confirm").click();

    Locator secretText = page.locator("#new-key-secret");
    assertThat(secretText).hasText(Pattern.compile("dlab_[A-Za-z0-9_-]{43}"));
    String secret = secretText.textContent().strip();
    assertThat(page.locator("#new-key-warning")).containsText("you will not see it again");
    assertFitsEverySize(page, "api-keys-secret", page.locator("#copy-key-secret"));
    page.locator("#copy-key-secret").click();
    assertThat(page.locator("vaadin-notification-card")).containsText("Copied");
    assertThat(page.evaluate("() => navigator.clipboard.readText()")).isEqualTo(secret);
    assertThat(status(secret)).as("the key signs a script in").isEqualTo(200);

    page.locator("#new-key-done").click();
    assertThat(grid).containsText("nightly sweep");
    assertThat(grid).containsText(secret.substring(0, 11) + "…");
    assertThat(grid).containsText("generate");
    assertThat(grid).not().containsText(secret.substring(11));
    // used by the script above while the dialog was open: its last use shows once it closes
    assertThat(
            grid.locator("vaadin-grid-cell-content")
                .filter(new Locator.FilterOptions().setHasText(Pattern.compile("\\d{2}:\\d{2}"))))
        .not()
        .hasCount(0);
    screenshot(page, "api-keys");
    assertFitsEverySize(page, "api-keys", page.locator("#create-key"));

    page.locator("vaadin-button[id^='revoke-']").first().click();
    Locator confirm = page.locator("vaadin-confirm-dialog-overlay, #confirm-revoke").first();
    assertThat(confirm).containsText("nightly sweep");
    page.locator("vaadin-button[slot='confirm-button']").click();
    // the grid keeps its empty-state text and its rows' buttons in the page (hidden) whatever it
    // shows, so wait for the notification that the revoke's own answer brings
    assertThat(
            page.locator("vaadin-notification-card")
                .filter(new Locator.FilterOptions().setHasText("Revoked nightly sweep")))
        .isVisible();
    assertThat(
            grid.locator("vaadin-grid-cell-content")
                .filter(new Locator.FilterOptions().setHasText("nightly sweep")))
        .not()
        .isVisible();
    assertThat(status(secret)).as("revoked: turned away at once").isEqualTo(401);
  }
}
