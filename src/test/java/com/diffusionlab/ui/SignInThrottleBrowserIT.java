package com.diffusionlab.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.diffusionlab.TestUsers;
import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.identity.Role;
import com.diffusionlab.identity.internal.SignInThrottle;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The sign-in page says why a sign-in is refused: a delay after failed ones, with how long to wait,
 * or a lock, which an administrator lifts in the Users view.
 */
class SignInThrottleBrowserIT extends BrowserTestSupport {

  @Autowired IdentityService identity;
  @Autowired SignInThrottle throttle;

  private void signInHere(Page page, String user, String password) {
    page.navigate(url("login"));
    page.locator("input[name='username']").fill(user);
    page.locator("input[name='password']").fill(password);
    page.locator("vaadin-button[slot='submit'], button[type='submit']").first().click();
  }

  @Test
  void theSignInPageTellsADelayAndALockAndAnAdministratorUnlocks() {
    String name = "ilse-" + Long.toString(System.nanoTime() % 1_000_000, 36);
    TestUsers.ensure(identity, name, Role.RESEARCHER);
    try (BrowserContext context = browser.newContext()) {
      Page page = context.newPage();
      page.setViewportSize(1280, 800);
      for (int i = 0; i < 4; i++) {
        signInHere(page, name, "Wrong-Guess-Number-" + i);
        assertThat(page.getByText("Incorrect username or password").first()).isVisible();
      }
      signInHere(page, name, "Wrong-Guess-Number-5");
      assertThat(page.getByText("Too many failed sign-ins").first()).isVisible();
      assertThat(
              page.getByText(
                      Pattern.compile(
                          "too many failed sign-ins for this account; try again in \\d+ s"))
                  .first())
          .isVisible();
      screenshot(page, "sign-in-delayed");

      for (int i = 5; i < 20; i++) {
        throttle.failed(name, null);
      }
      signInHere(page, name, TestUsers.PASSWORD);
      assertThat(page.getByText("Account locked").first()).isVisible();
      assertThat(page.getByText(Pattern.compile("ask an administrator to unlock it")).first())
          .isVisible();
      screenshot(page, "sign-in-locked");

      Page admin = signIn(port, "admin", ADMIN_PASSWORD, 1280, 800);
      admin
          .locator("vaadin-side-nav-item")
          .filter(new Locator.FilterOptions().setHasText("Users"))
          .click();
      assertThat(admin.locator("#status-" + name)).containsText("locked");
      admin.locator("#unlock-" + name).click();
      assertThat(admin.locator("#status-" + name)).not().containsText("locked");
      assertThat(admin.locator("#unlock-" + name)).hasCount(0);

      signInHere(page, name, TestUsers.PASSWORD);
      assertThat(page.locator("input[name='username']")).hasCount(0);
      assertThat(page).not().hasURL(Pattern.compile(".*login.*"));
    }
  }
}
