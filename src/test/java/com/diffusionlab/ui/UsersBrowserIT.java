package com.diffusionlab.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.diffusionlab.TestUsers;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * User management end to end at a laptop's 1280×800: an administrator adds a researcher with a
 * one-time password, the researcher signs in with it, is sent to choose their own, and their dark
 * theme is still theirs at the next sign-in.
 */
class UsersBrowserIT extends BrowserTestSupport {

  private static final String CHOSEN = "Violet-Harbour-Compass-71";

  /** Signs in on the sign-in page in this page's browser context, without waiting for a view. */
  private void signInHere(Page page, String user, String password) {
    page.navigate(url("login"));
    page.locator("input[name='username']").fill(user);
    page.locator("input[name='password']").fill(password);
    page.locator("vaadin-button[slot='submit'], button[type='submit']").first().click();
  }

  @Test
  void anAdministratorAddsAResearcherWhoChoosesTheirPasswordAndKeepsTheirTheme() {
    String rosa = "rosa-" + Long.toString(System.nanoTime() % 1_000_000, 36);
    Page page = signIn(port, "admin", ADMIN_PASSWORD, 1280, 800);

    page.locator("vaadin-side-nav-item")
        .filter(new Locator.FilterOptions().setHasText("Users"))
        .click();
    Locator grid = page.locator("#users-grid");
    assertThat(grid).containsText("admin");
    page.locator("#add-user").click();
    page.locator("#new-username input").fill(rosa);
    page.locator("#one-time-password input").fill("password1234");
    page.locator("#create-user").click();
    assertThat(page.locator("#one-time-password")).hasAttribute("invalid", "");
    assertThat(page.locator("#one-time-password [slot='error-message']"))
        .containsText("most common");
    screenshot(page, "users-add-refused");
    assertThat(spilling(page)).as("the add-user dialog at 1280×800").isEmpty();
    page.locator("#one-time-password input").fill(TestUsers.ONE_TIME);
    page.locator("#create-user").click();
    assertThat(page.locator("#create-user")).isHidden();
    assertThat(page.locator("#status-" + rosa)).containsText("one-time password");
    assertThat(page.locator("#role-" + rosa)).containsText("researcher");
    screenshot(page, "users");
    assertThat(spilling(page)).as("the users view at 1280×800").isEmpty();

    page.locator("#sign-out").click();
    assertThat(page.locator("input[name='username']")).isVisible();
    signInHere(page, rosa, TestUsers.ONE_TIME);
    assertThat(page.locator("#one-time-notice")).isVisible();
    assertThat(
            page.locator("vaadin-side-nav-item")
                .filter(new Locator.FilterOptions().setHasText("Users")))
        .hasCount(0);
    page.navigate(url("runs"));
    // nothing else opens before the password is changed
    assertThat(page.locator("#one-time-notice")).isVisible();
    page.locator("#current-password input").fill(TestUsers.ONE_TIME);
    page.locator("#chosen-password input").fill("My-" + rosa + "-Password");
    page.locator("#repeated-password input").fill("My-" + rosa + "-Password");
    page.locator("#change-password").click();
    assertThat(page.locator("#chosen-password [slot='error-message']")).containsText("username");
    page.locator("#chosen-password input").fill(CHOSEN);
    page.locator("#repeated-password input").fill(CHOSEN + "x");
    page.locator("#change-password").click();
    assertThat(page.locator("#repeated-password [slot='error-message']"))
        .containsText("the same new password twice");
    assertThat(spilling(page)).as("the change-password view at 1280×800").isEmpty();
    screenshot(page, "change-password");
    page.locator("#repeated-password input").fill(CHOSEN);
    page.locator("#change-password").click();
    assertThat(page).hasURL(Pattern.compile("http://localhost:\\d+/$"));
    assertThat(page.locator("#one-time-notice")).hasCount(0);

    assertThat(page.locator("html")).not().hasAttribute("theme", "dark");
    page.locator("#theme-toggle").click();
    assertThat(page.locator("html")).hasAttribute("theme", "dark");
    page.locator("#sign-out").click();
    assertThat(page.locator("input[name='username']")).isVisible();
    signInHere(page, rosa, CHOSEN);
    assertThat(page.locator("#current-user")).containsText(rosa);
    // the theme is the user's, not the browser's
    assertThat(page.locator("html")).hasAttribute("theme", "dark");
    page.navigate(url("password"));
    assertThat(page.locator("#one-time-notice")).hasCount(0);
    assertThat(page.locator("html")).hasAttribute("theme", "dark");
    assertThat(spilling(page)).as("the dark change-password view at 1280×800").isEmpty();
    screenshot(page, "change-password-dark");
    page.navigate(url("runs"));
    assertThat(page.locator("#current-user")).isVisible();
    assertThat(page.locator("html")).hasAttribute("theme", "dark");
    screenshot(page, "runs-dark");
    page.context().close();
  }
}
