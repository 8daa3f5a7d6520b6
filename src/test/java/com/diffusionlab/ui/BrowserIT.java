package com.diffusionlab.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.setDefaultAssertionTimeout;
import static org.assertj.core.api.Assertions.assertThat;

import com.diffusionlab.WorkspaceTestSupport;
import com.diffusionlab.artifacts.ArtifactStore;
import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.identity.Role;
import com.diffusionlab.tracking.Run;
import com.diffusionlab.tracking.RunService;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.FilePayload;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The workspace in Debian's Chromium, driven by Playwright: sign in, generate with the bundled
 * model and watch it, find the run by query, replay it to the identical image, import a PNG, and a
 * viewer who cannot launch. Screenshots of the main views go to docs/screenshots.
 */
class BrowserIT extends WorkspaceTestSupport {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path SCREENSHOTS = Path.of("docs/screenshots");
  private static Playwright playwright;
  private static Browser browser;

  @LocalServerPort int port;
  @Autowired IdentityService identity;
  @Autowired RunService runs;
  @Autowired ArtifactStore artifacts;

  @BeforeAll
  static void launch() {
    // generations on a busy 2-core machine take longer than the 5 s Playwright waits by default
    setDefaultAssertionTimeout(90_000);
    playwright =
        Playwright.create(
            new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    browser =
        playwright
            .chromium()
            .launch(
                new BrowserType.LaunchOptions()
                    .setExecutablePath(CHROMIUM)
                    .setHeadless(true)
                    .setArgs(
                        List.of(
                            "--no-sandbox",
                            "--disable-gpu",
                            "--disable-dev-shm-usage",
                            "--disable-background-networking",
                            "--disable-component-update",
                            "--disable-sync",
                            "--no-first-run",
                            "--disable-quic")));
  }

  @AfterAll
  static void close() {
    browser.close();
    playwright.close();
  }

  @BeforeEach
  void users() {
    for (var user : List.of(Map.entry("ada", Role.RESEARCHER), Map.entry("vera", Role.VIEWER))) {
      if (identity.find(user.getKey()).isEmpty()) {
        identity.create(user.getKey(), user.getKey() + "-password", user.getValue());
      }
    }
  }

  private Page signIn(String user) {
    BrowserContext context =
        browser.newContext(new Browser.NewContextOptions().setViewportSize(1400, 950));
    context.setDefaultTimeout(120_000);
    Page page = context.newPage();
    page.navigate("http://localhost:" + port + "/login");
    page.locator("input[name='username']").fill(user);
    page.locator("input[name='password']").fill(user + "-password");
    page.locator("vaadin-button[slot='submit'], button[type='submit']").first().click();
    assertThat(page.locator("#current-user")).containsText(user);
    return page;
  }

  private static void screenshot(Page page, String name) {
    page.screenshot(
        new Page.ScreenshotOptions()
            .setPath(SCREENSHOTS.resolve(name + ".png"))
            .setFullPage(false));
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

    page.navigate("http://localhost:" + port + "/runs");
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

    page.navigate("http://localhost:" + port + "/runs/" + runId);
    assertThat(page.locator("#run-status")).hasText("succeeded");
    screenshot(page, "run");
    page.locator("#replay").click();
    assertThat(page.locator("#reproduction-badge")).hasText("reproduced exactly");
    assertThat(page.locator("a[href='runs/" + runId + "']")).isVisible();
    screenshot(page, "replay");

    Run run = runs.find(runId).orElseThrow();
    byte[] png = artifacts.read(run.outputs().get(0).sha256()).orElseThrow();
    page.navigate("http://localhost:" + port + "/");
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
    page.navigate("http://localhost:" + port + "/models");
    assertThat(page.locator("#models-grid")).containsText("tiny-shapes");
    screenshot(page, "models");
    page.navigate("http://localhost:" + port + "/sessions");
    assertThat(page.locator("#sessions-grid")).isVisible();
    screenshot(page, "sessions");
    page.context().close();
  }
}
