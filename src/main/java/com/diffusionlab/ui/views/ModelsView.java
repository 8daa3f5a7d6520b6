package com.diffusionlab.ui.views;

import com.diffusionlab.governance.ModelApprovalService;
import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.identity.Role;
import com.diffusionlab.models.ApprovalStatus;
import com.diffusionlab.models.ModelRegistry;
import com.diffusionlab.models.ModelVersion;
import com.diffusionlab.scheduling.EstimateAccuracyService;
import com.diffusionlab.scheduling.SweepService;
import com.diffusionlab.ui.Formats;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Registered model versions, a broken one showing why instead of breaking the page, with their
 * approval. A selected version shows its history and golden-prompt grids, and to administrators the
 * buttons that approve and retire it with a reason. Below, how right the estimates of recent runs
 * were.
 */
@Route("models")
@PageTitle("Models · Diffusion Lab")
@PermitAll
public class ModelsView extends VerticalLayout {
  private final ModelRegistry registry;
  private final ModelApprovalService approvals;
  private final Grid<ModelVersion> grid = new Grid<>();
  private final ModelGovernancePanel governance;

  public ModelsView(
      ModelRegistry registry,
      ModelApprovalService approvals,
      SweepService sweeps,
      IdentityService identity,
      EstimateAccuracyService estimates) {
    this.registry = registry;
    this.approvals = approvals;
    this.governance = new ModelGovernancePanel(approvals, sweeps);
    boolean admin = identity.current().role() == Role.ADMIN;
    setSizeFull();
    grid.setId("models-grid");
    grid.addColumn(ModelVersion::name).setHeader("Name").setAutoWidth(true);
    grid.addColumn(ModelVersion::shortHash).setHeader("Version (hash)").setAutoWidth(true);
    grid.addColumn(new ComponentRenderer<>(ModelsView::approval))
        .setHeader("Approval")
        .setAutoWidth(true);
    // whether it can run comes before what it is, so that a narrow screen shows it unscrolled
    // a fixed width: a broken version's error wraps in it instead of widening the column
    grid.addColumn(new ComponentRenderer<>(ModelsView::status))
        .setHeader("Status")
        .setWidth("16em")
        .setFlexGrow(0);
    grid.addColumn(ModelsView::kind).setHeader("Family · format · prediction").setAutoWidth(true);
    grid.addColumn(m -> Formats.count(m.parameters())).setHeader("Parameters");
    grid.addColumn(m -> Formats.bytes(m.sizeBytes())).setHeader("Size");
    grid.addColumn(m -> m.defaultSize() + " px").setHeader("Trained at");
    grid.addColumn(m -> Formats.recommended(m.recommended()))
        .setHeader("Card recommends")
        .setAutoWidth(true)
        .setFlexGrow(3);
    Paragraph hint =
        new Paragraph(
            admin
                ? "Select a version for who approved it, when and why, and to approve, reject or"
                    + " retire it."
                : "Select a version for who approved it, when and why.");
    hint.setId("models-hint");
    hint.addClassName("dlab-secondary");
    grid.asSingleSelect()
        .addValueChangeListener(
            event -> {
              hint.setVisible(event.getValue() == null);
              governance.show(
                  event.getValue(),
                  admin && event.getValue() != null ? moves(event.getValue()) : null);
            });
    grid.setItems(registry.all());
    Button rescan = new Button("Rescan models folder", e -> refresh(registry.rescan()));
    rescan.setId("rescan");
    rescan.setVisible(admin);
    add(
        new H2("Models"),
        rescan,
        grid,
        hint,
        governance,
        new EstimateAccuracyPanel(estimates.accuracy()));
    setFlexGrow(1, grid);
  }

  /** What the model is, from what its files say (a broken one may say nothing). */
  private static String kind(ModelVersion version) {
    return Stream.of(version.family(), version.format(), version.predictionType())
        .filter(Objects::nonNull)
        .collect(Collectors.joining(" · "));
  }

  private void refresh(List<ModelVersion> versions) {
    ModelVersion selected = grid.asSingleSelect().getValue();
    grid.setItems(versions);
    if (selected != null) {
      versions.stream()
          .filter(v -> v.id() == selected.id())
          .findFirst()
          .ifPresentOrElse(grid::select, () -> governance.show(null, null));
    }
  }

  /** Approve and retire (reject, for a draft) as its status allows. */
  private Component moves(ModelVersion version) {
    HorizontalLayout buttons = new HorizontalLayout();
    buttons.setSpacing(false);
    buttons.getStyle().set("gap", "var(--lumo-space-xs)");
    if (version.approval().canMoveTo(ApprovalStatus.APPROVED) && version.available()) {
      Button approve =
          new Button(
              "Approve",
              click ->
                  new ModelMoveDialog(
                          version,
                          "Approve",
                          "Every session may run it from then on. The golden-prompt sweep runs on"
                              + " it in your playground and is kept with the approval.",
                          approvals::approve,
                          done -> refresh(registry.all()))
                      .open());
      approve.setId("approve-" + version.id());
      approve.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_PRIMARY);
      buttons.add(approve);
    }
    if (version.approval().canMoveTo(ApprovalStatus.RETIRED)) {
      String verb = version.approval() == ApprovalStatus.DRAFT ? "Reject" : "Retire";
      Button retire =
          new Button(
              verb,
              click ->
                  new ModelMoveDialog(
                          version,
                          verb,
                          "No new generation runs it; replays of its runs run only in sandbox"
                              + " sessions. This cannot be undone.",
                          approvals::retire,
                          done -> refresh(registry.all()))
                      .open());
      retire.setId("retire-" + version.id());
      retire.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
      buttons.add(retire);
    }
    return buttons;
  }

  private static Span approval(ModelVersion model) {
    Span badge = new Span(model.approval().name().toLowerCase(Locale.ROOT));
    badge.getElement().getThemeList().add("badge");
    switch (model.approval()) {
      case APPROVED -> badge.getElement().getThemeList().add("success");
      case RETIRED -> badge.getElement().getThemeList().add("error");
      case DRAFT -> badge.getElement().getThemeList().add("contrast");
    }
    return badge;
  }

  private static Span status(ModelVersion model) {
    Span status =
        new Span(
            model.status().toLowerCase() + (model.error() == null ? "" : ": " + model.error()));
    if (!model.available()) {
      status.getStyle().set("color", "var(--lumo-error-text-color)").set("white-space", "normal");
    }
    return status;
  }
}
