package com.diffusionlab.ui.views;

import com.diffusionlab.governance.GoldenComparison;
import com.diffusionlab.governance.ModelApproval;
import com.diffusionlab.governance.ModelApprovalService;
import com.diffusionlab.models.ApprovalChange;
import com.diffusionlab.models.ModelVersion;
import com.diffusionlab.scheduling.SweepGrid;
import com.diffusionlab.scheduling.SweepService;
import com.diffusionlab.ui.Formats;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * A model version's governance: its approval history (who, when, why) and the golden-prompt grid of
 * its approval beside that of the version of its name approved before it.
 */
class ModelGovernancePanel extends VerticalLayout {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final int THUMBNAIL = 64;

  private final ModelApprovalService approvals;
  private final SweepService sweeps;

  ModelGovernancePanel(ModelApprovalService approvals, SweepService sweeps) {
    this.approvals = approvals;
    this.sweeps = sweeps;
    setId("model-governance");
    setPadding(false);
    setVisible(false);
  }

  /**
   * Shows this version's history and golden grids; null hides the panel.
   *
   * @param actions what the viewer may do with it (an administrator's buttons), or null
   */
  void show(ModelVersion version, Component actions) {
    removeAll();
    setVisible(version != null);
    if (version == null) {
      return;
    }
    H3 title = new H3(version.label() + ": " + version.approval().name().toLowerCase(Locale.ROOT));
    add(actions == null ? title : new HorizontalLayout(title, actions));
    Grid<ModelApproval> history = new Grid<>();
    // a reason is a sentence or two: read whole, not cut at the column's edge
    history.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT);
    history.setId("model-history");
    history.addColumn(a -> WHEN.format(a.change().at())).setHeader("When").setAutoWidth(true);
    history.addColumn(a -> a.change().actor()).setHeader("Who").setAutoWidth(true);
    history.addColumn(a -> move(a.change())).setHeader("Move").setAutoWidth(true);
    history
        .addColumn(a -> a.change().reason())
        .setHeader("Why")
        .setFlexGrow(3)
        .setTooltipGenerator(a -> a.change().reason());
    history
        .addColumn(
            new ComponentRenderer<>(
                a ->
                    a.goldenSweepId() == null
                        ? new Span()
                        : new Anchor(
                            "sweeps/" + a.goldenSweepId(), "golden sweep " + a.goldenSweepId())))
        .setHeader("Golden prompts")
        .setAutoWidth(true);
    history.setItems(approvals.history(version.id()));
    history.setAllRowsVisible(true);
    add(history);

    GoldenComparison golden = approvals.golden(version.id());
    HorizontalLayout grids =
        new HorizontalLayout(
            goldenGrid("This version", version, golden.goldenSweepId()),
            goldenGrid("Approved before it", golden.previous(), golden.previousSweepId()));
    grids.setId("golden-grids");
    grids.setWidthFull();
    add(grids);
  }

  private static String move(ApprovalChange change) {
    return (change.from() == null ? "" : change.from().name() + " → ") + change.to().name();
  }

  private Component goldenGrid(String title, ModelVersion version, Long sweepId) {
    VerticalLayout column = new VerticalLayout();
    column.setPadding(false);
    column.addClassName("dlab-golden-grid");
    column.add(new H4(title + (version == null ? "" : ": " + version.label())));
    if (sweepId == null) {
      column.add(
          new Span(
              version == null
                  ? "no earlier approved version of this name with a golden sweep"
                  : "no golden sweep: approved by the workspace itself (first start or upgrade)"));
      return column;
    }
    SweepGrid grid = sweeps.grid(sweepId);
    FlexLayout cells = new FlexLayout();
    cells.setFlexWrap(FlexLayout.FlexWrap.WRAP);
    cells.getStyle().set("gap", "4px");
    for (SweepGrid.Cell cell : grid.cells()) {
      cells.add(cell(cell));
    }
    column.add(
        new Anchor(
            "sweeps/" + sweepId,
            "sweep " + sweepId + " · " + grid.finished() + " of " + grid.cells().size() + " done"),
        cells);
    return column;
  }

  private static Component cell(SweepGrid.Cell cell) {
    if (cell.image() == null) {
      Div waiting = new Div(cell.status() == null ? "waiting" : cell.status().name().toLowerCase());
      waiting
          .getStyle()
          .set("width", THUMBNAIL + "px")
          .set("height", THUMBNAIL + "px")
          .set("font-size", "var(--lumo-font-size-xs)");
      return waiting;
    }
    Image image = new Image(Formats.artifactUrl(cell.image()), cell.axisValues());
    image.setTitle(cell.axisValues());
    image.setWidth(THUMBNAIL + "px");
    image.setHeight(THUMBNAIL + "px");
    return image;
  }
}
