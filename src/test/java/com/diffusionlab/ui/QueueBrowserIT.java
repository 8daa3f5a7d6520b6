package com.diffusionlab.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.diffusionlab.TestUsers;
import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.identity.LabUser;
import com.diffusionlab.identity.Role;
import com.diffusionlab.scheduling.GenerationService;
import com.diffusionlab.scheduling.HeldSlot;
import com.diffusionlab.scheduling.internal.queue.QueueWaits;
import com.diffusionlab.sessions.SessionService;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A run that has to wait: the playground and the run page say where it stands in the queue and when
 * it should start, and follow it to its end without a reload; one asking for a device class no
 * worker serves says so.
 */
class QueueBrowserIT extends BrowserTestSupport {

  private static final Pattern QUEUED =
      Pattern.compile("run (\\d+) · next in the queue · starts in (a moment|about \\d+ (s|min))");

  @Autowired IdentityService identity;
  @Autowired SessionService sessions;
  @Autowired GenerationService generations;
  @Autowired JdbcTemplate jdbc;

  @Test
  void aWaitingRunShowsItsPlaceAndETAThenItsResult() throws Exception {
    LabUser holder = TestUsers.ensure(identity, "slot-holder", Role.RESEARCHER);
    TestUsers.ensure(identity, "quinn", Role.RESEARCHER);
    long holders =
        TestUsers.call(holder.username(), Role.RESEARCHER, () -> sessions.defaultFor(holder).id());
    Page page = signIn("quinn");
    try (HeldSlot slot = HeldSlot.hold(generations, jdbc, holder, holders)) {
      page.locator("#prompt textarea").fill("two red circles at the top");
      page.locator("#launch").click();
      assertThat(page.locator("#progress-text")).hasText(QUEUED);
      Matcher queued = QUEUED.matcher(page.locator("#progress-text").textContent());
      org.assertj.core.api.Assertions.assertThat(queued.matches()).isTrue();
      String runId = queued.group(1);
      screenshot(page, "playground-queued");

      page.navigate(url("runs/" + runId));
      assertThat(page.locator("#run-status")).hasText("queued");
      assertThat(page.locator("#run-live"))
          .hasText(Pattern.compile("next in the queue · starts in (a moment|about .+)"));
    }
    assertThat(page.locator("#run-status")).hasText("succeeded");
    assertThat(page.locator("#run-live")).hasCount(0);
  }

  @Test
  void aRunForADeviceClassNoWorkerServesSaysWhyItWaits() {
    TestUsers.ensure(identity, "gita", Role.RESEARCHER);
    Page page = signIn("gita");
    assertThat(page.locator("#device-class")).containsText("Any device");
    page.locator("#device-class").click();
    page.locator("vaadin-select-item")
        .filter(new Locator.FilterOptions().setHasText("gpu"))
        .click();
    page.locator("#prompt textarea").fill("two red circles at the top");
    page.locator("#launch").click();
    assertThat(page.locator("#progress-text")).containsText(QueueWaits.reason("gpu"));
    screenshot(page, "playground-gpu-waiting");
    page.locator("#cancel").click();
    assertThat(page.locator("#progress-text")).containsText("cancelled");
    assertThat(page.locator("#launch")).isEnabled();
  }
}
