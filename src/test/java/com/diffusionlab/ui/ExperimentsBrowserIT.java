package com.diffusionlab.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.diffusionlab.TestUsers;
import com.diffusionlab.WorkspaceProcess;
import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.identity.Role;
import com.diffusionlab.scheduling.GenerationService;
import com.diffusionlab.scheduling.GenerationSubmission;
import com.diffusionlab.tracking.GenerationSettings;
import com.diffusionlab.tracking.Run;
import com.diffusionlab.tracking.RunService;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The experiment workflow in Chromium: select runs, compare them (differing settings marked, the
 * wipe slider, the heatmap), a 2×2 sweep from YAML, charts, an HTML report opened with the network
 * off, and a bundle round trip into a second workspace where a replay reproduces exactly.
 */
class ExperimentsBrowserIT extends BrowserTestSupport {

  @Autowired IdentityService identity;
  @Autowired GenerationService generations;
  @Autowired RunService runs;
  @TempDir Path folder;

  @BeforeEach
  void users() {
    if (identity.find("grace").isEmpty()) {
      TestUsers.ensure(identity, "grace", Role.RESEARCHER);
    }
  }

  /** Three finished runs of the bundled model that differ in guidance and seed. */
  private List<Long> threeRuns(String experiment) {
    SecurityContextHolder.getContext()
        .setAuthentication(
            UsernamePasswordAuthenticationToken.authenticated(
                "grace", null, AuthorityUtils.createAuthorityList(Role.RESEARCHER.authority())));
    try {
      List<Long> ids = new ArrayList<>();
      double[] guidance = {2, 3, 3};
      for (int i = 0; i < 3; i++) {
        Run run =
            generations.submit(
                new GenerationSubmission(
                    null,
                    experiment,
                    GenerationSettings.of("tiny-shapes", "two red circles at the top")
                        .with("steps", 6)
                        .with("cfg", guidance[i])
                        .with("seed", 40L + i / 2)));
        ids.add(run.id());
        // one at a time: the session admits two queued or running jobs
        Awaitility.await()
            .atMost(Duration.ofMinutes(2))
            .pollInterval(Duration.ofMillis(100))
            .until(() -> runs.find(run.id()).orElseThrow().status().finished());
      }
      return ids;
    } finally {
      SecurityContextHolder.clearContext();
    }
  }

  @Test
  void selectedRunsCompareWithDifferencesMarkedASliderAndAHeatmap() {
    List<Long> ids = threeRuns("compare-browser");
    Page page = signIn("grace");
    page.navigate(url("runs"));
    page.locator("#run-query input")
        .fill("id = " + ids.get(0) + " or id = " + ids.get(1) + " or id = " + ids.get(2));
    page.locator("#run-search").click();
    Locator checkboxes =
        page.locator("#runs-grid vaadin-grid-cell-content vaadin-checkbox:visible");
    assertThat(checkboxes).hasCount(3);
    for (int i = 0; i < 3; i++) {
      checkboxes.nth(i).click();
    }
    assertThat(page.locator("#selection")).hasText("3 selected");
    page.locator("#compare-selected").click();
    page.waitForURL(Pattern.compile(".*/compare\\?runs=.*"));
    assertThat(page.locator("#compare-images dlab-zoom-group")).hasCount(2);
    Locator marked = page.locator("#compare-settings [part~='dlab-differs']");
    assertThat(marked.first()).isVisible();
    page.locator("#differences-only-settings").click();
    Locator shownCells = page.locator("#compare-settings vaadin-grid-cell-content:visible");
    assertThat(shownCells.filter(new Locator.FilterOptions().setHasText("CFG scale"))).hasCount(1);
    assertThat(shownCells.filter(new Locator.FilterOptions().setHasText("Negative prompt")))
        .hasCount(0);

    Locator viewer = page.locator("#image-compare");
    assertThat(viewer).isVisible();
    double before = ((Number) viewer.evaluate("e => e.position")).doubleValue();
    page.locator("#image-compare").locator("[part=divider]").focus();
    for (int i = 0; i < 5; i++) {
      page.keyboard().press("ArrowLeft");
    }
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> ((Number) viewer.evaluate("e => e.position")).doubleValue() < before - 0.04);
    page.locator("vaadin-tab").filter(new Locator.FilterOptions().setHasText("heatmap")).click();
    assertThat(viewer).hasAttribute("mode", "heatmap");
    assertThat(viewer.locator("[part=heatmap]")).isVisible();
    assertThat(viewer.locator("[part=heatmap]"))
        .hasAttribute("src", Pattern.compile(".*api/v1/artifacts/[0-9a-f]{64}"));
    assertThat(page.locator("#figure-ssim")).containsText("0.");
    assertThat(page.locator("#figure-identical-pixels")).hasText("no");
    screenshot(page, "compare");
    page.context().close();
  }

  @Test
  void aTwoByTwoSweepFromYamlFillsItsGridAndACellOpensItsRun() {
    Page page = signIn("grace");
    page.navigate(url("experiments"));
    page.locator("#launch-sweep-dialog").click();
    page.locator("#sweep-yaml textarea")
        .fill(
            """
            name: browser 2x2
            base: {model: tiny-shapes, prompt: a large green square, steps: 6, seed: 3}
            x: {field: cfg, values: "2, 3"}
            y: {field: sampler, values: [euler, dpmpp_2m]}
            """);
    page.locator("#check-sweep").click();
    assertThat(page.locator("#sweep-verdict")).containsText("4 cells");
    page.locator("#launch-sweep").click();
    page.waitForURL(Pattern.compile(".*/sweeps/\\d+"));
    assertThat(page.locator("#sweep-status")).hasText("finished");
    assertThat(page.locator("#sweep-grid-0 img.dlab-sweep-image")).hasCount(4);
    assertThat(page.locator("#sweep-grid-0")).containsText("dpmpp_2m");
    screenshot(page, "sweep-grid");
    page.locator("#sweep-grid-0 a.dlab-sweep-link").first().click();
    assertThat(page.locator("#run-status")).hasText("succeeded");
    page.context().close();
  }

  @Test
  void chartsFollowTheQueryAndBrushedRunsCompare() {
    threeRuns("charts-browser");
    Page page = signIn("grace");
    page.navigate(url("runs?query=" + "experiment%20%3D%20charts-browser"));
    page.locator("#runs-charts").click();
    assertThat(page.locator("#brushed-runs")).hasText("Brush points to select runs");
    Locator scatter = page.locator("#chart-scatter");
    assertThat(scatter.locator("svg").first()).isVisible();
    Object points =
        scatter.evaluate(
            "e => e.instance.getOption().series.reduce((n, s) => n + s.data.length, 0)");
    assertThat(((Number) points).intValue()).isEqualTo(3);
    assertThat(page.locator("#chart-parallel svg").first()).isVisible();
    assertThat(page.locator("#chart-estimates svg").first()).isVisible();
    // brushing selects runs, which then compare
    scatter.evaluate(
        "e => { const c = e.instance; c.dispatchAction({type: 'brush', areas: [{brushType: 'rect',"
            + " xAxisIndex: 0, coordRange: [[0, 100], [0, 1000]]}]}); }");
    assertThat(page.locator("#brushed-runs")).hasText("3 runs selected");
    assertThat(page.locator("#compare-brushed")).isEnabled();
    screenshot(page, "charts");
    page.locator("#compare-brushed").click();
    page.waitForURL(Pattern.compile(".*/compare\\?runs=.*"));
    page.context().close();
  }

  @Test
  void anHtmlReportOpensOfflineWithItsImages() throws IOException {
    threeRuns("report-browser");
    Page page = signIn("grace");
    page.navigate(url("experiments"));
    page.locator("a.dlab-experiment-link")
        .filter(new Locator.FilterOptions().setHasText("report-browser"))
        .click();
    assertThat(page.locator("#experiment-title")).hasText("report-browser");
    screenshot(page, "experiment");
    Download download = page.waitForDownload(() -> page.locator("#export-html").click());
    Path report = folder.resolve("report.html");
    download.saveAs(report);
    assertThat(Files.readString(report)).contains("two red circles at the top");
    page.context().close();

    BrowserContext offline = browser.newContext(new Browser.NewContextOptions().setOffline(true));
    List<String> requests = new ArrayList<>();
    offline.onRequest(request -> requests.add(request.url()));
    Page reportPage = offline.newPage();
    reportPage.navigate(report.toUri().toString());
    Locator images = reportPage.locator("img");
    assertThat(images.first()).isVisible();
    Object loaded =
        reportPage.evaluate(
            "() => [...document.images].filter(i => i.complete && i.naturalWidth > 0).length");
    assertThat(((Number) loaded).intValue()).isGreaterThanOrEqualTo(3);
    assertThat(requests).allMatch(url -> url.startsWith("file:") || url.startsWith("data:"));
    screenshot(reportPage, "report");
    offline.close();
  }

  @Test
  void theExperimentViewsFitLaptopAndDesktopScreens() {
    List<Long> ids = threeRuns("layout-browser");
    long experiment = runs.find(ids.getFirst()).orElseThrow().experiments().getFirst().id();
    String compare = "compare?runs=" + ids.get(0) + "," + ids.get(1) + "," + ids.get(2);
    for (int[] size : new int[][] {{1280, 800}, {1920, 1080}}) {
      Page page = signIn(port, "grace", TestUsers.PASSWORD, size[0], size[1]);
      for (String view : List.of("experiments", "experiments/" + experiment, compare)) {
        page.navigate(url(view));
        assertThat(page.locator("#current-user")).isVisible();
        Locator main =
            view.startsWith("compare")
                ? page.locator("#image-compare")
                : page.locator("#export-bar, #experiments-grid").first();
        assertThat(main).isVisible();
        Object overflow =
            page.evaluate(
                "() => [...document.querySelectorAll('vaadin-button, vaadin-grid, img, dlab-chart,"
                    + " dlab-image-compare, dlab-zoom-group')]"
                    + ".filter(e => { const r = e.getBoundingClientRect();"
                    + " return r.width > 0 && r.right > window.innerWidth + 1; })"
                    + ".map(e => e.id || e.tagName)");
        assertThat((List<?>) overflow).as(view + " at " + size[0] + "×" + size[1]).isEmpty();
        // for looking at, never for the README
        page.screenshot(
            new Page.ScreenshotOptions()
                .setPath(
                    Path.of(
                        "target/screenshots/layout-"
                            + view.replaceAll("\\W+", "-")
                            + "-"
                            + size[0]
                            + ".png")));
      }
      page.context().close();
    }
  }

  @Test
  void aBundleRoundTripsIntoASecondWorkspaceWhereItsReplayIsExact() throws IOException {
    List<Long> ids = threeRuns("bundle-browser");
    Page page = signIn("grace");
    page.navigate(url("runs?query=" + "id%20%3D%20" + ids.getFirst()));
    Download download = page.waitForDownload(() -> page.locator("#export-zip").click());
    Path bundle = folder.resolve("bundle.zip");
    download.saveAs(bundle);
    page.context().close();

    try (WorkspaceProcess second =
        WorkspaceProcess.start(folder.resolve("second"), modelsFolder())) {
      Page other = signIn(second.port(), "admin", WorkspaceProcess.ADMIN_PASSWORD, 1400, 950);
      other.navigate(url(second.port(), "experiments"));
      other.locator("#import-bundle").click();
      other
          .locator("#bundle-upload input[type=file]")
          .setInputFiles(
              new FilePayload("bundle.zip", "application/zip", Files.readAllBytes(bundle)));
      assertThat(other.locator("#import-result")).containsText("imported 1 runs");
      other.keyboard().press("Escape");
      other.navigate(url(second.port(), "runs"));
      other
          .locator("#runs-grid vaadin-grid-cell-content")
          .filter(new Locator.FilterOptions().setHasText("two red circles"))
          .first()
          .click();
      assertThat(other.locator("#run-status")).hasText("succeeded");
      other.locator("#replay").click();
      assertThat(other.locator("#reproduction-badge")).hasText("reproduced exactly");
      other.context().close();
    }
  }
}
