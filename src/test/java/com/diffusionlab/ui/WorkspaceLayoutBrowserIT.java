package com.diffusionlab.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.diffusionlab.TestUsers;
import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.identity.Role;
import com.diffusionlab.scheduling.GenerationService;
import com.diffusionlab.scheduling.GenerationSubmission;
import com.diffusionlab.tracking.GenerationSettings;
import com.diffusionlab.tracking.Run;
import com.diffusionlab.tracking.RunService;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.BoundingBox;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The workspace's layout on a laptop (1280×800) and a desktop (1920×1080) screen, measured by the
 * boxes Chromium lays out: the playground's controls and output side by side with Generate in view
 * and a batch inside the output, the output showing only the current run through a cancel, a viewer
 * told why Generate is off, not-found pages inside the workspace, and a Runs grid that fits with a
 * column chooser and an empty state. Screenshots of each go to target/screenshots.
 */
class WorkspaceLayoutBrowserIT extends BrowserTestSupport {

  private static final Pattern STEP = Pattern.compile("step (\\d+)/50 · .* · run (\\d+)");

  @Autowired IdentityService identity;
  @Autowired GenerationService generations;
  @Autowired RunService runs;

  /** A signed-in page for a user created on first use. */
  private Page signIn(String user, Role role, int width, int height) {
    TestUsers.ensure(identity, user, role);
    return signIn(port, user, TestUsers.PASSWORD, width, height);
  }

  private static BoundingBox box(Locator locator) {
    BoundingBox box = locator.boundingBox();
    assertThat(box).as("a box for %s", locator).isNotNull();
    return box;
  }

  private static double right(BoundingBox box) {
    return box.x + box.width;
  }

  private static double bottom(BoundingBox box) {
    return box.y + box.height;
  }

  /** Within {@code outer}, give or take a pixel of rounding. */
  private static void assertInside(BoundingBox inner, BoundingBox outer, String what) {
    assertThat(inner.x).as(what + " left").isGreaterThanOrEqualTo(outer.x - 1);
    assertThat(inner.y).as(what + " top").isGreaterThanOrEqualTo(outer.y - 1);
    assertThat(right(inner)).as(what + " right").isLessThanOrEqualTo(right(outer) + 1);
    assertThat(bottom(inner)).as(what + " bottom").isLessThanOrEqualTo(bottom(outer) + 1);
  }

  private static void assertApart(BoundingBox a, BoundingBox b, String what) {
    boolean overlap =
        a.x < right(b) - 1 && b.x < right(a) - 1 && a.y < bottom(b) - 1 && b.y < bottom(a) - 1;
    assertThat(overlap).as(what + " overlap").isFalse();
  }

  private static BoundingBox viewport(Page page) {
    BoundingBox view = new BoundingBox();
    view.width = page.viewportSize().width;
    view.height = page.viewportSize().height;
    return view;
  }

  private static void fill(Page page, String field, String value) {
    page.locator("#" + field + " input").fill(value);
    page.locator("#" + field + " input").press("Tab");
  }

  private static String size(int width, int height) {
    return width + "x" + height;
  }

  @ParameterizedTest(name = "{0}×{1}")
  @CsvSource({"1280, 800", "1920, 1080"})
  void thePlaygroundKeepsControlsBesideAnOutputThatShowsOnlyTheCurrentRun(int width, int height) {
    Page page = signIn("lena" + width, Role.RESEARCHER, width, height);
    assertThat(page.locator("#model input")).hasValue(Pattern.compile("^tiny-shapes\\b.*"));
    assertThat(page.locator("#output-empty")).containsText("press Generate");
    BoundingBox controls = box(page.locator("#controls"));
    BoundingBox output = box(page.locator("#output"));
    assertThat(right(controls)).as("controls left of the output").isLessThanOrEqualTo(output.x);
    assertThat(output.width).as("the output is the larger column").isGreaterThan(controls.width);
    assertInside(box(page.locator("#launch")), viewport(page), "Generate");
    @SuppressWarnings("unchecked")
    List<String> outside =
        (List<String>)
            page.evaluate(
                "() => { const c = document.querySelector('#controls').getBoundingClientRect();"
                    + " return [...document.querySelectorAll('#controls [id]')]"
                    + ".filter(e => e.offsetParent !== null)"
                    + ".filter(e => { const r = e.getBoundingClientRect();"
                    + " return r.left < c.left - 1 || r.right > c.right + 1; })"
                    + ".map(e => e.id); }");
    assertThat(outside).as("fields wider than the controls column").isEmpty();
    for (String picker : List.of("session", "model")) {
      assertThat(
              (Boolean)
                  page.locator("#" + picker + " input")
                      .evaluate("e => e.scrollWidth <= e.clientWidth"))
          .as("the %s picker shows its whole value", picker)
          .isTrue();
    }
    assertNoHorizontalOverflow(page);

    page.locator("#prompt textarea").fill("two red circles at the top");
    fill(page, "steps", "4");
    fill(page, "batch", "4");
    page.locator("#launch").click();
    Locator images = page.locator("#results img");
    assertThat(images).hasCount(4);
    for (int i = 0; i < 4; i++) {
      assertThat(images.nth(i)).hasJSProperty("complete", true);
    }
    output = box(page.locator("#output"));
    for (int i = 0; i < 4; i++) {
      BoundingBox image = box(images.nth(i));
      assertInside(image, output, "image " + i);
      assertApart(image, box(page.locator("#controls")), "image " + i + " and the controls");
    }
    assertInside(box(page.locator("#launch")), viewport(page), "Generate after a batch");
    assertInside(box(page.locator("#cfg")), box(page.locator("#controls")), "guidance");
    screenshot(page, "playground-batch-" + size(width, height));
    String previous = page.locator("#result-link").getAttribute("href");

    fill(page, "batch", "1");
    fill(page, "width", "192");
    fill(page, "height", "192");
    fill(page, "steps", "50");
    page.locator("#launch").click();
    assertThat(page.locator("#progress-text")).hasText(STEP);
    Matcher running = STEP.matcher(page.locator("#progress-text").textContent());
    assertThat(running.matches()).isTrue();
    String current = running.group(2);
    assertThat("runs/" + current).isNotEqualTo(previous);
    assertThat(page.locator("#results img")).hasCount(0);
    assertThat(page.locator("#result-link")).isHidden();
    assertThat(page.locator("#output a[href='" + previous + "']")).hasCount(0);
    assertThat(page.locator("#preview")).isVisible();
    assertInside(box(page.locator("#preview")), box(page.locator("#output")), "the step preview");
    screenshot(page, "playground-running-" + size(width, height));

    page.locator("#cancel").click();
    assertThat(page.locator("#progress-text"))
        .hasText(
            Pattern.compile("run " + current + " cancelled after \\d+ of 50 steps, [0-9.]+ s"));
    assertThat(page.locator("#results img")).hasCount(0);
    assertThat(page.locator("#preview")).isHidden();
    assertThat(page.locator("#output a[href='" + previous + "']")).hasCount(0);
    assertThat(page.locator("#result-link")).hasAttribute("href", "runs/" + current);
    assertThat(page.locator("#launch")).isEnabled();
    screenshot(page, "playground-cancelled-" + size(width, height));

    page.locator("#result-link").click();
    assertThat(page.locator("#run-status")).hasText("cancelled");
    assertThat(page.locator("#run-outcome")).containsText("cancelled after");
    Locator content = page.locator("#run-view");
    assertThat(formItem(page, "Steps done")).containsText(Pattern.compile("\\d+ of 50 steps"));
    assertThat(formItem(page, "Total")).containsText(Pattern.compile("[0-9.]+ s"));
    assertThat(formItem(page, "Device")).containsText("cpu");
    assertThat(formItem(page, "Device-seconds")).containsText(Pattern.compile("[0-9.]+"));
    assertThat(content).not().containsText("null");
    assertThat(content).not().containsText("–");
    assertNoHorizontalOverflow(page);
    screenshot(page, "run-cancelled-" + size(width, height));
    page.context().close();
  }

  @ParameterizedTest(name = "{0}×{1}")
  @CsvSource({"1280, 800", "1920, 1080"})
  void aViewerReadsWhyGenerateIsOff(int width, int height) {
    Page page = signIn("vic", Role.VIEWER, width, height);
    assertThat(page.locator("#launch")).isDisabled();
    assertThat(page.locator("#viewer-note"))
        .containsText("Viewers can look at runs but not generate");
    assertThat(page.locator("#viewer-note")).containsText("researcher role");
    assertInside(box(page.locator("#viewer-note")), viewport(page), "the viewer's note");
    assertApart(
        box(page.locator("#viewer-note")), box(page.locator("#launch")), "note and Generate");
    screenshot(page, "playground-viewer-" + size(width, height));
    page.navigate(url("runs"));
    assertThat(page.locator("#runs-empty")).containsText("No runs you can see yet");
    page.context().close();
  }

  @ParameterizedTest(name = "{0}×{1}")
  @CsvSource({"1280, 800", "1920, 1080"})
  void whatDoesNotExistOrMayNotBeSeenShowsInsideTheWorkspaceWithAWayBack(int width, int height) {
    long hidden = finishedRun("olga");
    Page page = signIn("nina", Role.RESEARCHER, width, height);
    page.navigate(url("no-such-page"));
    assertNotFound(page, "There is no page at /no-such-page.");
    screenshot(page, "not-found-" + size(width, height));
    page.locator("#not-found-playground").click();
    assertThat(page.locator("#launch")).isVisible();

    page.navigate(url("runs/999999999"));
    assertNotFound(page, "Run 999999999 does not exist, or you may not see it.");
    page.navigate(url("runs/" + hidden));
    assertNotFound(page, "Run " + hidden + " does not exist, or you may not see it.");
    page.navigate(url("runs/abc"));
    assertNotFound(page, "Run abc does not exist, or you may not see it.");
    page.navigate(url("experiments/999999999"));
    assertNotFound(page, "Experiment 999999999 does not exist, or you may not see it.");
    page.navigate(url("sweeps/999999999"));
    assertNotFound(page, "Sweep 999999999 does not exist, or you may not see it.");
    page.locator("#not-found-runs").click();
    assertThat(page.locator("#runs-grid")).isVisible();
    page.context().close();
  }

  /** The message in the workspace's frame: its navigation, the user, and the links back. */
  private static void assertNotFound(Page page, String message) {
    assertThat(page.locator("#not-found-message")).hasText(message);
    assertThat(page.locator("#current-user")).isVisible();
    assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Experiments")))
        .isVisible();
    assertThat(page.locator("#not-found-playground")).isVisible();
    assertThat(page.locator("#not-found-runs")).isVisible();
    assertThat(page).hasTitle("Not found · Diffusion Lab");
  }

  @ParameterizedTest(name = "{0}×{1}")
  @CsvSource({"1280, 800", "1920, 1080"})
  void theRunsGridFitsTheScreenWithAColumnChooserAndSaysWhenItIsEmpty(int width, int height) {
    String user = "rita" + width;
    finishedRun(user);
    Page page = signIn(user, Role.RESEARCHER, width, height);
    page.navigate(url("runs"));
    Locator grid = page.locator("#runs-grid");
    assertThat(grid).containsText("two red circles at the top");
    assertNoHorizontalOverflow(page);
    assertThat(
            (Boolean)
                grid.evaluate(
                    "g => { const t = g.shadowRoot.querySelector('#table');"
                        + " return t.scrollWidth <= t.clientWidth + 1; }"))
        .as("the grid shows every column without scrolling sideways")
        .isTrue();
    Locator created = header(page, "Created");
    assertInside(box(created), viewport(page), "the Created header");
    assertThat(header(page, "Tags")).isHidden();
    screenshot(page, "runs-" + size(width, height));

    page.locator("#column-chooser").click();
    page.getByRole(AriaRole.MENUITEM, new Page.GetByRoleOptions().setName("Tags").setExact(true))
        .click();
    page.keyboard().press("Escape");
    assertThat(header(page, "Tags")).isVisible();
    assertNoHorizontalOverflow(page);
    screenshot(page, "runs-tags-" + size(width, height));
    page.reload();
    assertThat(page.locator("#runs-grid")).containsText("two red circles at the top");
    // the choice is remembered in this browser
    assertThat(header(page, "Tags")).isVisible();

    page.locator("#run-query input").fill("prompt ~ 'no such prompt anywhere'");
    page.locator("#run-search").click();
    assertThat(page.locator("#runs-empty")).containsText("No run matches");
    assertThat(page.locator("#runs-empty")).isVisible();
    page.locator("#clear-query").click();
    assertThat(grid).containsText("two red circles at the top");
    page.context().close();

    Page fresh = signIn("nemo" + width, Role.RESEARCHER, width, height);
    fresh.navigate(url("runs"));
    assertThat(fresh.locator("#runs-empty")).containsText("No runs yet");
    assertThat(fresh.locator("#runs-empty")).isVisible();
    screenshot(fresh, "runs-empty-" + size(width, height));
    fresh.locator("#runs-empty a").click();
    assertThat(fresh.locator("#launch")).isVisible();
    fresh.context().close();
  }

  /** A labelled figure of a form, such as a run's "Steps done". */
  private static Locator formItem(Page page, String label) {
    return page.locator("vaadin-form-item")
        .filter(
            new Locator.FilterOptions()
                .setHas(
                    page.locator(
                        "[slot=label]",
                        new Page.LocatorOptions().setHasText(Pattern.compile("^" + label + "$")))));
  }

  private static Locator header(Page page, String text) {
    // not exact: a sortable column's header is named with its sort state too
    return page.getByRole(AriaRole.COLUMNHEADER, new Page.GetByRoleOptions().setName(text));
  }

  /** A short finished run of {@code user}'s own (private) playground session. */
  private long finishedRun(String user) {
    TestUsers.ensure(identity, user, Role.RESEARCHER);
    Run run =
        TestUsers.call(
            user,
            Role.RESEARCHER,
            () ->
                generations.submit(
                    new GenerationSubmission(
                        null,
                        null,
                        GenerationSettings.of("tiny-shapes", "two red circles at the top")
                            .with("steps", 4)
                            .with("seed", 3L))));
    Awaitility.await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> runs.find(run.id()).orElseThrow().status().finished());
    return run.id();
  }
}
