package com.diffusionlab.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.diffusionlab.LabNode;
import com.diffusionlab.TestSessions;
import com.diffusionlab.TestUsers;
import com.diffusionlab.artifacts.ArtifactStore;
import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.identity.LabUser;
import com.diffusionlab.identity.Role;
import com.diffusionlab.sessions.SessionChanges;
import com.diffusionlab.sessions.SessionService;
import com.diffusionlab.tracking.Run;
import com.diffusionlab.tracking.RunService;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The workspace in Debian's Chromium, driven by Playwright: sign in, generate with the bundled
 * model and watch it, find the run by query, replay it to the identical image, import a PNG, and a
 * viewer who cannot launch. Screenshots of the main views go to docs/screenshots.
 */
class BrowserIT extends BrowserTestSupport {

  @Autowired IdentityService identity;
  @Autowired RunService runs;
  @Autowired ArtifactStore artifacts;
  @Autowired LabNode node;
  @Autowired SessionService sessions;

  /** A session everyone sees, so that a viewer's Sessions view shows one. */
  private static final String SHARED_SESSION = "Shared renders";

  @BeforeEach
  void usersAndASharedSession() {
    for (var user : List.of(Map.entry("ada", Role.RESEARCHER), Map.entry("vera", Role.VIEWER))) {
      TestUsers.ensure(identity, user.getKey(), user.getValue());
    }
    LabUser ada = identity.find("ada").orElseThrow();
    if (sessions.visibleTo(ada).stream().noneMatch(s -> s.name().equals(SHARED_SESSION))) {
      TestSessions.create(
          sessions,
          ada,
          SessionChanges.of(SHARED_SESSION, sessions.defaultQuota()).withShared(true));
    }
  }

  @Test
  void aResearcherGeneratesFindsReplaysAndImports() {
    Page page = signIn("ada");
    assertThat(page.locator("#model input")).hasValue(Pattern.compile("^tiny-shapes\\b.*"));
    // record every progress text the page shows, however fast the run is
    page.evaluate(
        "() => { window.progressTexts = []; const target = document.querySelector('#progress-text');"
            + " new MutationObserver(() => window.progressTexts.push(target.textContent))"
            + ".observe(target, {childList: true, characterData: true, subtree: true}); }");
    page.locator("#prompt textarea").fill("two red circles at the top");
    page.locator("#steps input").fill("12");
    page.locator("#steps input").press("Tab");
    assertThat(page.locator("#estimate")).containsText("device-seconds");
    page.locator("#launch").click();
    Locator result = page.locator("#result-link");
    assertThat(result).isVisible();
    @SuppressWarnings("unchecked")
    List<String> texts = (List<String>) page.evaluate("() => window.progressTexts");
    assertThat(texts).anyMatch(text -> text.matches("step \\d+/12.*"));
    assertThat(page.locator("#results img").first()).isVisible();
    // the view scrolls inside the app layout, not the window: bring the results' top into view
    page.locator("#results").evaluate("e => e.scrollIntoView({block: 'start'})");
    screenshot(page, "playground");
    long runId = Long.parseLong(result.getAttribute("href").replace("runs/", ""));

    page.navigate(url("runs"));
    page.locator("#run-query input")
        .fill("prompt ~ 'red circles' and steps = 12 and id = " + runId);
    page.locator("#run-search").click();
    assertThat(
            page.locator("vaadin-grid-cell-content")
                .filter(new Locator.FilterOptions().setHasText("two red circles at the top")))
        .hasCount(1);
    page.locator("#run-query input").fill("cfg >> 7");
    page.locator("#run-search").click();
    assertThat(page.locator("#query-error")).containsText("position 6");
    page.locator("#run-query input").fill("");
    page.locator("#run-search").click();
    assertThat(page.locator("#query-error")).isEmpty();
    screenshot(page, "runs");

    page.navigate(url("runs/" + runId));
    assertThat(page.locator("#run-status")).hasText("succeeded");
    Locator history = page.locator("#run-history");
    assertThat(history).containsText("queued · submitted");
    assertThat(history)
        .containsText("queued → running · started (on " + node.name() + ", attempt 1)");
    assertThat(history).containsText("running → succeeded · finished");
    screenshot(page, "run");
    page.locator("#replay").click();
    assertThat(page.locator("#reproduction-badge")).hasText("reproduced exactly");
    assertThat(page.locator("a[href='runs/" + runId + "']")).isVisible();
    screenshot(page, "replay");

    Run run = runs.find(runId).orElseThrow();
    byte[] png = artifacts.read(run.outputs().get(0).sha256()).orElseThrow();
    page.navigate(url(""));
    page.locator("#import").click();
    page.locator("#import-upload input[type=file]")
        .setInputFiles(new FilePayload("cat.png", "image/png", png));
    assertThat(page.locator("#import-source")).containsText("diffusion-lab");
    assertThat(page.locator("#prompt textarea")).hasValue("two red circles at the top");
    assertThat(page.locator("#seed input")).hasValue(Long.toString(run.settings().seed()));
    page.context().close();
  }

  @Test
  void aViewerCanLookButNotLaunch() {
    Page page = signIn("vera");
    assertThat(page.locator("#launch")).isDisabled();
    page.navigate(url("models"));
    assertThat(page.locator("#models-grid")).containsText("tiny-shapes");
    screenshot(page, "models");
    page.navigate(url("sessions"));
    assertThat(page.locator("#sessions-grid")).containsText(SHARED_SESSION);
    assertThat(page.locator("#sessions-note")).containsText("Administrators create sessions");
    assertThat(page.locator("#new-session")).hasCount(0);
    screenshot(page, "sessions");
    page.locator("vaadin-side-nav-item")
        .filter(new Locator.FilterOptions().setHasText("Devices"))
        .click();
    Locator devices = page.locator("#devices-grid");
    assertThat(devices).containsText(node.name());
    assertThat(devices).containsText("responding");
    assertThat(devices).containsText("cpu, 1 slot");
    assertThat(devices).containsText("cores");
    assertThat(devices).containsText("Models loaded");
    assertThat(devices).containsText(" cache");
    assertThat(page.locator("#devices-waiting")).containsText("waiting in the queue");
    screenshot(page, "devices");
    assertFitsEverySize(page, "devices", devices, page.locator("#devices-waiting"));
    page.context().close();
  }
}
