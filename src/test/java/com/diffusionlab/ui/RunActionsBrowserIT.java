package com.diffusionlab.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.diffusionlab.TestSessions;
import com.diffusionlab.TestUsers;
import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.identity.LabUser;
import com.diffusionlab.identity.Role;
import com.diffusionlab.sessions.PlaygroundSession;
import com.diffusionlab.sessions.SessionChanges;
import com.diffusionlab.sessions.SessionService;
import com.diffusionlab.tracking.NewRun;
import com.diffusionlab.tracking.RunEstimate;
import com.diffusionlab.tracking.RunSeeder;
import com.diffusionlab.tracking.RunService;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The run page offers only what its rules allow: on a queued run in a shared session its owner may
 * cancel it and change its tags and notes; another researcher and a viewer see the run, its tags
 * and notes, but no Cancel and no Save, and the viewer's Replay is disabled.
 */
class RunActionsBrowserIT extends BrowserTestSupport {

  @Autowired IdentityService identity;
  @Autowired SessionService sessions;
  @Autowired RunService runs;

  @Test
  void aViewerSeesARunButIsOfferedNothingToChange() {
    LabUser owner = TestUsers.ensure(identity, "rhea", Role.RESEARCHER);
    TestUsers.ensure(identity, "rory", Role.RESEARCHER);
    TestUsers.ensure(identity, "vic", Role.VIEWER);
    PlaygroundSession shared =
        TestSessions.create(
            sessions,
            owner,
            SessionChanges.of("team " + System.nanoTime(), sessions.defaultQuota())
                .withShared(true));
    // queued without a job, so that it stays queued and Cancel would apply
    long run =
        runs.create(
                new NewRun(
                    shared.id(),
                    "shared work",
                    null,
                    owner.id(),
                    null,
                    RunSeeder.settings(3),
                    1.0,
                    RunEstimate.NONE))
            .id();

    Page viewer = signIn("vic");
    viewer.navigate(url("runs/" + run));
    assertThat(viewer.locator("#run-status")).hasText("queued");
    assertThat(viewer.locator("#replay")).isDisabled();
    assertThat(viewer.locator("#cancel-run")).isHidden();
    assertThat(viewer.locator("#save-tags")).isHidden();
    assertThat(viewer.locator("#tags")).hasAttribute("readonly", "");
    assertThat(viewer.locator("#notes")).hasAttribute("readonly", "");
    screenshot(viewer, "run-as-viewer");

    Page researcher = signIn("rory");
    researcher.navigate(url("runs/" + run));
    assertThat(researcher.locator("#run-status")).hasText("queued");
    assertThat(researcher.locator("#cancel-run")).isHidden();
    assertThat(researcher.locator("#save-tags")).isHidden();
    assertThat(researcher.locator("#tags")).hasAttribute("readonly", "");

    Page own = signIn("rhea");
    own.navigate(url("runs/" + run));
    assertThat(own.locator("#save-tags")).isVisible();
    assertThat(own.locator("#tags")).not().hasAttribute("readonly", "");
    own.locator("#tags input").fill("keeper");
    own.locator("#save-tags").click();
    assertThat(own.locator("vaadin-notification-card")).containsText("saved");
    own.locator("#cancel-run").click();
    own.locator("#refresh").click();
    assertThat(own.locator("#run-status")).hasText("cancelled");
    org.assertj.core.api.Assertions.assertThat(runs.find(run).orElseThrow().tags())
        .containsExactly("keeper");
  }
}
