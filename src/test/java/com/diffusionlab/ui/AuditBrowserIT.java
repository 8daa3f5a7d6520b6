package com.diffusionlab.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.diffusionlab.TestUsers;
import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.identity.Role;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The audit log view at a laptop's 1280×800: an administrator's sign-in and sign-out are there with
 * the address they came from, the filters narrow the entries, a bad filter is named on its field,
 * the chain check says OK or names the entry someone changed in the database, and the export
 * downloads JSON lines.
 */
class AuditBrowserIT extends BrowserTestSupport {

  @Autowired JdbcTemplate jdbc;
  @Autowired IdentityService identity;

  /** The browser reaches the workspace over loopback, IPv4 or IPv6. */
  private static final Pattern LOOPBACK = Pattern.compile("^(127\\.0\\.0\\.1|0:0:0:0:0:0:0:1)$");

  /** Entries of {@code actor} under the action prefix, as the database has them. */
  private int count(String actor, String action) {
    return count(actor, action, "%");
  }

  /** The same with an outcome ({@code %} for any). */
  private int count(String actor, String action, String outcome) {
    return jdbc.queryForObject(
        "select count(*) from audit_log where actor = ? and (action = ? or action like ?)"
            + " and outcome like ?",
        Integer.class,
        actor,
        action,
        action + ".%",
        outcome);
  }

  private Locator navItem(Page page, String text) {
    return page.locator("vaadin-side-nav-item")
        .filter(new Locator.FilterOptions().setHasText(text));
  }

  @Test
  void anAdministratorReadsFiltersVerifiesAndExportsTheLog() throws Exception {
    Page first = signIn(port, "admin", ADMIN_PASSWORD, 1280, 800);
    first.locator("#sign-out").click();
    assertThat(first.locator("input[name='username']")).isVisible();
    first.context().close();

    Page page = signIn(port, "admin", ADMIN_PASSWORD, 1280, 800);
    navItem(page, "Audit log").click();
    Locator grid = page.locator("#audit-grid");
    assertThat(grid).containsText("sign-in.success");
    // the grid's text holds rows it keeps for scrolling too: its size says what the filter selects
    page.locator("#audit-actor input").fill("admin");
    page.locator("#audit-action input").fill("sign-out");
    assertThat(grid).hasJSProperty("size", count("admin", "sign-out"));
    assertThat(grid.locator("vaadin-grid-cell-content").getByText("sign-out.success").first())
        .isVisible();
    assertThat(grid.locator("vaadin-grid-cell-content").getByText(LOOPBACK).first()).isVisible();
    page.locator("#audit-action input").fill("sign-in");
    assertThat(grid).hasJSProperty("size", count("admin", "sign-in"));
    page.locator("#audit-outcome").click();
    page.locator("vaadin-select-item")
        .filter(new Locator.FilterOptions().setHasText("refused"))
        .click();
    // other tests of this workspace may have had sign-ins of admin refused (the throttle's lock)
    assertThat(grid).hasJSProperty("size", count("admin", "sign-in", "REFUSED"));
    page.locator("#audit-outcome").click();
    page.locator("vaadin-select-item")
        .filter(new Locator.FilterOptions().setHasText("any"))
        .click();
    assertThat(grid).hasJSProperty("size", count("admin", "sign-in"));

    page.locator("#audit-action input").fill("Sign In!");
    assertThat(page.locator("#audit-action")).hasAttribute("invalid", "");
    assertThat(page.locator("#audit-action [slot='error-message']"))
        .containsText("dotted lower-case words");
    page.locator("#audit-action input").fill("");
    page.locator("#audit-actor input").fill("");
    assertThat(page.locator("#audit-action")).not().hasAttribute("invalid", "");

    page.locator("#audit-verify").click();
    Locator verdict = page.locator("#audit-verification");
    assertThat(verdict).hasText(Pattern.compile("OK: \\d+ entries, chain intact"));
    screenshot(page, "audit-log");
    assertThat(spilling(page)).as("the audit log at 1280×800").isEmpty();

    Download download = page.waitForDownload(() -> page.locator("#audit-export").click());
    assertThat(download.suggestedFilename()).isEqualTo("audit-log.jsonl");
    List<String> lines = Files.readAllLines(download.path());
    assertThat(lines.getFirst()).startsWith("{\"sequence\":1,\"time\":");

    // someone with the database in hand changes an entry; the check names it, then it is put back
    long last = jdbc.queryForObject("select max(seq) from audit_log", Long.class);
    String detail =
        jdbc.queryForObject("select detail from audit_log where seq = ?", String.class, last);
    jdbc.update("update audit_log set detail = 'rewritten' where seq = ?", last);
    try {
      page.locator("#audit-verify").click();
      assertThat(verdict)
          .hasText(
              "BROKEN at entry "
                  + last
                  + ": its fields do not give its hash (changed after it was written)");
      screenshot(page, "audit-log-broken");
    } finally {
      jdbc.update("update audit_log set detail = ? where seq = ?", detail, last);
    }
    page.locator("#audit-verify").click();
    assertThat(verdict).containsText("OK: ");
    page.context().close();
  }

  @Test
  void theViewIsForAdministratorsOnly() {
    TestUsers.ensure(identity, "researcher-audit", Role.RESEARCHER);
    Page page = signIn("researcher-audit");
    assertThat(navItem(page, "Audit log")).hasCount(0);
    page.navigate(url("audit"));
    assertThat(page.locator("#audit-grid")).hasCount(0);
    page.context().close();
  }
}
