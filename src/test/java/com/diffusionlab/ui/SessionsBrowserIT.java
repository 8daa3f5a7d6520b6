package com.diffusionlab.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.diffusionlab.TestSessions;
import com.diffusionlab.TestUsers;
import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.identity.LabUser;
import com.diffusionlab.identity.Role;
import com.diffusionlab.sessions.PlaygroundSession;
import com.diffusionlab.sessions.SessionChanges;
import com.diffusionlab.sessions.SessionService;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Sessions at a laptop's 1280×800 (and each view and dialog checked at 1920×1080 too): an
 * administrator creates a session for a researcher, edits its limits and priority (a refused value
 * is shown under its field), and closes it; the researcher sees its limits and cannot change them.
 */
class SessionsBrowserIT extends BrowserTestSupport {

  @Autowired IdentityService identity;
  @Autowired SessionService sessions;

  private static void fill(Page page, String field, String value) {
    page.locator("#" + field + " input").fill(value);
    page.locator("#" + field + " input").press("Tab");
  }

  @Test
  void anAdministratorCreatesEditsAndClosesASessionThatItsResearcherOnlyReads() {
    String rowan = "rowan-" + Long.toString(System.nanoTime() % 1_000_000, 36);
    LabUser owner = TestUsers.ensure(identity, rowan, Role.RESEARCHER);
    // the longest name allowed, with a word longer than any column: it wraps, nothing spills
    String longName = "Nightly sweep of " + "every-sampler-".repeat(7);
    longName += "x".repeat(SessionService.MAX_NAME - longName.length());
    TestSessions.create(
        sessions, owner, SessionChanges.of(longName, sessions.defaultQuota()).withShared(true));
    String name = "Render team " + (System.nanoTime() % 1000);
    Page page = signIn(port, "admin", ADMIN_PASSWORD, 1280, 800);
    page.locator("vaadin-side-nav-item")
        .filter(new Locator.FilterOptions().setHasText("Sessions"))
        .click();
    assertThat(page.locator("#sessions-grid")).isVisible();

    assertFitsEverySize(page, "sessions-admin", page.locator("#new-session"));

    page.locator("#new-session").click();
    assertFitsEverySize(
        page, "session-create", page.locator("#session-name"), page.locator("#save-session"));
    page.locator("#session-name input").fill(name);
    page.locator("#session-owner").click();
    page.locator("vaadin-select-item")
        .filter(new Locator.FilterOptions().setHasText(rowan))
        .click();
    fill(page, "session-priority", "2");
    fill(page, "session-steps", "30");
    page.locator("#save-session").click();
    assertThat(page.locator("#save-session")).isHidden();
    assertThat(page.locator("#sessions-grid")).containsText(name);
    PlaygroundSession created =
        sessions.visibleTo(identity.find("admin").orElseThrow()).stream()
            .filter(s -> s.name().equals(name))
            .findFirst()
            .orElseThrow();
    assertThat(created.ownerName()).isEqualTo(rowan);
    assertThat(created.priority()).isEqualTo(2);
    assertThat(created.quota().maxSteps()).isEqualTo(30);

    page.locator("#edit-session-" + created.id()).click();
    assertThat(page.locator("#session-steps input")).hasValue("30");
    fill(page, "session-steps", "0");
    fill(page, "session-priority", "0");
    page.locator("#save-session").click();
    assertThat(page.locator("#session-steps [slot='error-message']")).containsText("1 to 1000");
    assertThat(page.locator("#session-priority [slot='error-message']")).containsText("1 to 100");
    screenshot(page, "session-edit-refused");
    assertFitsEverySize(page, "session-edit-refused", page.locator("#save-session"));
    fill(page, "session-steps", "40");
    fill(page, "session-priority", "3");
    page.locator("#save-session").click();
    assertThat(page.locator("#save-session")).isHidden();
    assertThat(page.locator("#sessions-grid")).containsText("40 steps");
    PlaygroundSession edited = sessions.find(created.id()).orElseThrow();
    assertThat(edited.quota().maxSteps()).isEqualTo(40);
    assertThat(edited.priority()).isEqualTo(3);

    // another administrator's change shows without reloading, and an edit starts from it
    TestUsers.as(
        "other-admin",
        Role.ADMIN,
        () ->
            sessions.update(
                created.id(),
                new SessionChanges(null, null, null, null, null, null, 45, null, null, null)));
    assertThat(page.locator("#limits-" + created.id())).containsText("45 steps");
    page.locator("#edit-session-" + created.id()).click();
    assertThat(page.locator("#session-steps input")).hasValue("45");
    assertThat(page.locator("#session-priority input")).hasValue("3");
    page.locator("vaadin-button").filter(new Locator.FilterOptions().setHasText("Cancel")).click();
    assertThat(page.locator("#save-session")).isHidden();

    page.locator("#close-session-" + created.id()).click();
    assertThat(page.locator("#state-" + created.id())).containsText("closed");
    assertThat(page.locator("#close-session-" + created.id())).hasText("Reopen");
    assertThat(sessions.find(created.id()).orElseThrow().closed()).isTrue();
    screenshot(page, "sessions-admin");
    assertFitsEverySize(
        page,
        "sessions-admin-closed",
        page.locator("#new-session"),
        page.locator("#close-session-" + created.id()));
    page.context().close();

    Page own = signIn(port, rowan, TestUsers.PASSWORD, 1280, 800);
    own.navigate(url("sessions"));
    assertThat(own.locator("#sessions-grid")).containsText(name);
    assertThat(own.locator("#sessions-grid")).containsText("45 steps");
    assertThat(own.locator("#sessions-note")).containsText("Administrators");
    assertThat(own.locator("#new-session")).hasCount(0);
    assertThat(own.locator("#edit-session-" + created.id())).hasCount(0);
    screenshot(own, "sessions-researcher");
    assertFitsEverySize(own, "sessions-researcher", own.locator("#sessions-note"));
    own.context().close();
  }
}
