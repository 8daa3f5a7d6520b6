package com.diffusionlab.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.setDefaultAssertionTimeout;

import com.diffusionlab.TestUsers;
import com.diffusionlab.WorkspaceTestSupport;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The workspace in Debian's Chromium, driven by Playwright. Screenshots go to {@code
 * target/screenshots}, or, to refresh the README's, where {@code -Ddlab.screenshots} says (see the
 * README), so that a test run leaves the checkout as it was.
 */
public abstract class BrowserTestSupport extends WorkspaceTestSupport {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path SCREENSHOTS =
      Path.of(System.getProperty("dlab.screenshots", "target/screenshots"));
  private static final Path CHECK_SCREENSHOTS = Path.of("target/screenshots");
  private static Playwright playwright;
  protected static Browser browser;

  @LocalServerPort protected int port;

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

  protected String url(String path) {
    return url(port, path);
  }

  protected static String url(int port, String path) {
    return "http://localhost:" + port + "/" + path;
  }

  /** A signed-in page at 1400×950. */
  protected Page signIn(String user) {
    return signIn(port, user, TestUsers.PASSWORD, 1400, 950);
  }

  /** A signed-in page of the workspace at {@code port}, in a browser window of the given size. */
  protected static Page signIn(int port, String user, String password, int width, int height) {
    BrowserContext context =
        browser.newContext(
            new Browser.NewContextOptions()
                .setViewportSize(width, height)
                .setAcceptDownloads(true));
    context.setDefaultTimeout(120_000);
    Page page = context.newPage();
    page.navigate(url(port, "login"));
    page.locator("input[name='username']").fill(user);
    page.locator("input[name='password']").fill(password);
    page.locator("vaadin-button[slot='submit'], button[type='submit']").first().click();
    assertThat(page.locator("#current-user")).containsText(user);
    return page;
  }

  /**
   * Elements whose right edge lies past the window, grids whose columns do not fit, and grid cells
   * whose content is cut short.
   */
  protected static List<?> spilling(Page page) {
    return (List<?>)
        page.evaluate(
            "() => [...document.querySelectorAll('vaadin-button, vaadin-grid, vaadin-select,"
                + " vaadin-text-field, vaadin-password-field, vaadin-dialog-overlay, span,"
                + " vaadin-grid-cell-content')]"
                + ".filter(e => { const r = e.getBoundingClientRect();"
                + " if (r.width === 0) return false;"
                + " if (r.right > window.innerWidth + 1) return true;"
                + " if (e.tagName === 'VAADIN-GRID')"
                + "   return e.$.table.scrollWidth > e.$.table.clientWidth + 1;"
                + " return e.tagName === 'VAADIN-GRID-CELL-CONTENT'"
                + "   && e.scrollWidth > e.clientWidth + 1; })"
                + ".map(e => e.id || (e.tagName + ': ' + e.textContent.trim()))");
  }

  /**
   * Grid columns whose header does not start where their first row's cell does: a width in {@code
   * em} is narrower in a header's smaller font than in the rows.
   */
  protected static List<?> misalignedColumns(Page page) {
    return (List<?>)
        page.evaluate(
            "() => [...document.querySelectorAll('vaadin-grid')].flatMap(g => {"
                + " const shown = r => r && [...r.children]"
                + "   .filter(c => c.getBoundingClientRect().width > 0);"
                + " const head = shown(g.$.header.querySelector('tr'));"
                + " const row = shown([...g.$.items.children].find(r => !r.hidden));"
                + " if (!head || head.length === 0) throw new Error('no header row in ' + g.id);"
                + " if (!row) return [];"
                + " return head.flatMap((h, i) => row[i] && Math.abs(h.getBoundingClientRect().left"
                + "   - row[i].getBoundingClientRect().left) > 1"
                + "   ? [(g.id || 'grid') + ' column ' + (i + 1) + ' (' + h.textContent.trim()"
                + "     + '): header at ' + Math.round(h.getBoundingClientRect().left)"
                + "     + ', cells at ' + Math.round(row[i].getBoundingClientRect().left)] : []); })");
  }

  /** The page itself never scrolls sideways. */
  protected static void assertNoHorizontalOverflow(Page page) {
    Assertions.assertThat(
            (Boolean) page.evaluate("() => document.documentElement.scrollWidth <= innerWidth"))
        .as("the page is no wider than the window")
        .isTrue();
  }

  /** A browser window's inner size. */
  protected record WindowSize(int width, int height) {
    @Override
    public String toString() {
      return width + "x" + height;
    }
  }

  /** A laptop's and a desktop's window: what a newcomer's views are checked at. */
  protected static final List<WindowSize> CHECKED_SIZES =
      List.of(new WindowSize(1280, 800), new WindowSize(1920, 1080));

  /**
   * At each of {@link #CHECKED_SIZES}: the page no wider than the window, nothing spilling, grid
   * headers over their columns and {@code mainControls} in view, with a screenshot {@code
   * name-WIDTHxHEIGHT.png} in target/screenshots (whatever {@code -Ddlab.screenshots} says: these
   * are for checking, not for the README). The window is given back its size.
   */
  protected static void assertFitsEverySize(Page page, String name, Locator... mainControls) {
    var before = page.viewportSize();
    try {
      for (WindowSize size : CHECKED_SIZES) {
        page.setViewportSize(size.width(), size.height());
        try {
          for (Locator control : mainControls) {
            assertThat(control).isInViewport();
          }
          // grids lay their columns out again after the window changed
          Awaitility.await(name + " at " + size)
              .atMost(Duration.ofSeconds(30))
              .untilAsserted(
                  () -> {
                    Assertions.assertThat(spilling(page)).as(name + " at " + size).isEmpty();
                    Assertions.assertThat(misalignedColumns(page))
                        .as(name + " at " + size)
                        .isEmpty();
                    assertNoHorizontalOverflow(page);
                  });
        } finally {
          page.screenshot(
              new Page.ScreenshotOptions()
                  .setPath(CHECK_SCREENSHOTS.resolve(name + "-" + size + ".png"))
                  .setFullPage(false));
        }
      }
    } finally {
      page.setViewportSize(before.width, before.height);
    }
  }

  protected static void screenshot(Page page, String name) {
    page.screenshot(
        new Page.ScreenshotOptions()
            .setPath(SCREENSHOTS.resolve(name + ".png"))
            .setFullPage(false));
  }
}
