package com.diffusionlab.ui.views;

import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.identity.Role;
import com.diffusionlab.models.ModelRegistry;
import com.diffusionlab.models.ModelVersion;
import com.diffusionlab.scheduling.EstimateAccuracyService;
import com.diffusionlab.ui.Formats;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;

/**
 * Registered model versions, a broken one showing why instead of breaking the page, and how right
 * the estimates of recent runs were.
 */
@Route("models")
@PageTitle("Models · Diffusion Lab")
@PermitAll
public class ModelsView extends VerticalLayout {

  public ModelsView(
      ModelRegistry registry, IdentityService identity, EstimateAccuracyService estimates) {
    setSizeFull();
    Grid<ModelVersion> grid = new Grid<>();
    grid.setId("models-grid");
    grid.addColumn(ModelVersion::name).setHeader("Name").setAutoWidth(true);
    grid.addColumn(ModelVersion::shortHash).setHeader("Version (hash)").setAutoWidth(true);
    grid.addColumn(ModelVersion::family).setHeader("Family");
    grid.addColumn(ModelVersion::format).setHeader("Format");
    grid.addColumn(ModelVersion::predictionType).setHeader("Prediction");
    grid.addColumn(m -> Formats.count(m.parameters())).setHeader("Parameters");
    grid.addColumn(m -> Formats.bytes(m.sizeBytes())).setHeader("Size");
    grid.addColumn(m -> m.defaultSize() + " px").setHeader("Trained at");
    grid.addColumn(m -> Formats.recommended(m.recommended()))
        .setHeader("Card recommends")
        .setAutoWidth(true);
    grid.addColumn(new ComponentRenderer<>(ModelsView::status)).setHeader("Status").setFlexGrow(3);
    grid.setItems(registry.all());
    Button rescan = new Button("Rescan models folder", e -> grid.setItems(registry.rescan()));
    rescan.setId("rescan");
    rescan.setVisible(identity.current().role() == Role.ADMIN);
    add(new H2("Models"), rescan, grid, new EstimateAccuracyPanel(estimates.accuracy()));
    setFlexGrow(1, grid);
  }

  private static Span status(ModelVersion model) {
    Span status =
        new Span(
            model.status().toLowerCase() + (model.error() == null ? "" : ": " + model.error()));
    if (!model.usable()) {
      status.getStyle().set("color", "var(--lumo-error-text-color)").set("white-space", "normal");
    }
    return status;
  }
}
