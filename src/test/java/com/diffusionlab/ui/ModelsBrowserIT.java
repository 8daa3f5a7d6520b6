package com.diffusionlab.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.diffusionlab.TestUsers;
import com.diffusionlab.engine.TinyModels;
import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.identity.Role;
import com.diffusionlab.models.ApprovalStatus;
import com.diffusionlab.models.ModelRegistry;
import com.diffusionlab.models.ModelVersion;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import java.io.IOException;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The Models view at a laptop's size: each version's approval; an administrator approves a draft
 * with a reason (an empty one is refused under its field), and a selected version shows its history
 * and golden-prompt grids; researchers see no approve or retire buttons.
 */
class ModelsBrowserIT extends BrowserTestSupport {

  @Autowired ModelRegistry registry;
  @Autowired IdentityService identity;

  @Test
  void anAdministratorApprovesADraftWithAReasonAndSeesItsHistoryAndGoldenGrid() throws IOException {
    TinyModels.copyOf("tiny-sd1", modelsFolder().resolve("browser-draft"));
    TinyModels.changeAByte(modelsFolder().resolve("browser-draft"), 60, false);
    ModelVersion draft =
        registry.rescan().stream()
            .filter(v -> v.location().equals("browser-draft") && v.available())
            .findFirst()
            .orElseThrow();
    Page page = signIn(port, "admin", ADMIN_PASSWORD, 1280, 800);
    page.navigate(url("models"));
    Locator grid = page.locator("#models-grid");
    assertThat(grid).containsText("browser-draft");
    assertThat(grid).containsText("draft");
    assertThat(grid).not().containsText(modelsFolder().toAbsolutePath().toString());
    assertThat(page.locator("#models-hint")).containsText("approve, reject or retire");
    // whether a version can run shows without scrolling the grid sideways at 1280×800
    BoundingBox status =
        grid.locator("vaadin-grid-cell-content")
            .filter(new Locator.FilterOptions().setHasText("available"))
            .first()
            .boundingBox();
    BoundingBox frame = grid.boundingBox();
    Assertions.assertThat(status.x + status.width).isLessThanOrEqualTo(frame.x + frame.width);

    grid.locator("vaadin-grid-cell-content")
        .filter(new Locator.FilterOptions().setHasText("browser-draft"))
        .first()
        .click();
    assertThat(page.locator("#models-hint")).isHidden();
    page.locator("#approve-" + draft.id()).click();
    page.locator("#model-move-confirm").click();
    assertThat(page.locator("#model-move-reason [slot='error-message']")).containsText("1 to 1000");
    page.locator("#model-move-reason textarea").fill("draws the golden prompts well");
    screenshot(page, "model-approve");
    page.locator("#model-move-confirm").click();
    assertThat(page.locator("#model-move-confirm")).isHidden();
    Assertions.assertThat(registry.require(draft.id()).approval())
        .isEqualTo(ApprovalStatus.APPROVED);

    Locator governance = page.locator("#model-governance");
    assertThat(governance.locator("#model-history")).containsText("draws the golden prompts well");
    assertThat(governance.locator("#model-history")).containsText("DRAFT → APPROVED");
    assertThat(governance.locator("#golden-grids")).containsText("This version");
    assertThat(governance.locator("#golden-grids")).containsText("sweep ");
    screenshot(page, "models-governance");

    TestUsers.ensure(identity, "researcher", Role.RESEARCHER);
    Page researcher = signIn("researcher");
    researcher.navigate(url("models"));
    assertThat(researcher.locator("#models-grid")).containsText("approved");
    assertThat(researcher.locator("#models-hint")).not().containsText("approve,");
    researcher
        .locator("#models-grid vaadin-grid-cell-content")
        .filter(new Locator.FilterOptions().setHasText("browser-draft"))
        .first()
        .click();
    assertThat(researcher.locator("#model-history")).containsText("draws the golden prompts well");
    assertThat(researcher.locator("[id^='approve-']")).hasCount(0);
    assertThat(researcher.locator("[id^='retire-']")).hasCount(0);
  }
}
