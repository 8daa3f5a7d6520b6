package com.diffusionlab.ui.views;

import com.diffusionlab.NotFoundException;
import com.diffusionlab.compare.CompareService;
import com.diffusionlab.compare.GridLayout;
import com.diffusionlab.compare.SweepGridImages;
import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.identity.LabUser;
import com.diffusionlab.scheduling.AxisLabels;
import com.diffusionlab.scheduling.SweepAction;
import com.diffusionlab.scheduling.SweepGrid;
import com.diffusionlab.scheduling.SweepService;
import com.diffusionlab.ui.CompareRoute;
import com.diffusionlab.ui.Formats;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.shared.Registration;
import jakarta.annotation.security.PermitAll;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A sweep's grid: axis labels, each cell's image (open its run), a row or a column to compare,
 * progress while it runs, and the grid as one PNG.
 */
@Route("sweeps/:id")
@PageTitle("Sweep · Diffusion Lab")
@PermitAll
public class SweepView extends VerticalLayout implements BeforeEnterObserver {

  private final SweepService sweeps;
  private final SweepGridImages gridImages;
  private final LabUser user;
  private final Select<Integer> cellSize = new Select<>();
  private long sweepId;
  private UI polling;
  private Registration pollListener;

  public SweepView(SweepService sweeps, SweepGridImages gridImages, IdentityService identity) {
    this.sweeps = sweeps;
    this.gridImages = gridImages;
    this.user = identity.current();
    setWidthFull();
    cellSize.setLabel("Cell size");
    cellSize.setItems(64, 96, 128, 192, 256);
    cellSize.setValue(128);
    cellSize.setItemLabelGenerator(size -> size + " px");
    cellSize.setId("cell-size");
    cellSize.addValueChangeListener(change -> refresh());
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    String text = event.getRouteParameters().get("id").orElse("");
    try {
      sweepId = Long.parseLong(text);
      refresh();
    } catch (NumberFormatException | NotFoundException e) {
      throw new ObjectNotFound("Sweep", text);
    }
  }

  private void refresh() {
    SweepGrid grid = sweeps.grid(sweepId);
    removeAll();
    boolean running = grid.sweep().status().equals("RUNNING");
    H2 title = new H2(grid.sweep().name());
    title.setId("sweep-title");
    Span status = new Span(grid.sweep().status().toLowerCase(Locale.ROOT));
    status.setId("sweep-status");
    status.addClassNames("dlab-status", "dlab-status-" + status.getText());
    Anchor experiment =
        new Anchor("experiments/" + grid.sweep().experimentId(), "open the experiment");
    HorizontalLayout header = new HorizontalLayout(title, status, experiment);
    header.setAlignItems(FlexComponent.Alignment.BASELINE);
    add(header);
    ProgressBar progress = new ProgressBar(0, Math.max(1, grid.cells().size()), grid.finished());
    progress.setId("sweep-progress");
    Span counts =
        new Span(
            String.format(
                Locale.ROOT,
                "%d of %d cells finished · estimate %s, %.1f device-seconds, cost %s",
                grid.finished(),
                grid.cells().size(),
                Formats.seconds(grid.sweep().estimate().seconds()),
                grid.sweep().estimate().deviceSeconds(),
                Formats.money(grid.sweep().estimate().cost())));
    counts.setId("sweep-counts");
    add(progress, counts);
    if (grid.sweep().error() != null) {
      Span error = new Span(grid.sweep().error());
      error.getStyle().set("color", "var(--lumo-error-text-color)");
      add(error);
    }
    IntegerField pngCell = new IntegerField("PNG cell size");
    pngCell.setMin(GridLayout.MIN_CELL);
    pngCell.setMax(GridLayout.MAX_CELL);
    pngCell.setValue(256);
    pngCell.setSuffixComponent(new Span("px"));
    pngCell.setId("png-cell");
    Anchor png = new Anchor(gridDownload(pngCell), "Download grid PNG");
    png.setId("download-grid");
    png.getElement().setAttribute("download", true);
    HorizontalLayout tools = new HorizontalLayout(cellSize, pngCell, png);
    tools.setAlignItems(FlexComponent.Alignment.BASELINE);
    if (running && sweeps.allows(grid.sweep(), SweepAction.CANCEL)) {
      Button cancel =
          new Button(
              "Cancel sweep",
              click -> {
                sweeps.cancel(sweepId);
                refresh();
              });
      cancel.addThemeVariants(ButtonVariant.LUMO_ERROR);
      cancel.setId("cancel-sweep");
      tools.add(cancel);
    }
    add(tools);
    List<AxisLabels> axes = grid.sweep().axes();
    int depth = axes.size() > 2 ? axes.get(2).labels().size() : 1;
    for (int z = 0; z < depth; z++) {
      if (axes.size() > 2) {
        add(new H3(axes.get(2).field() + ": " + axes.get(2).labels().get(z)));
      }
      add(table(grid, axes, z));
    }
    Details definition = new Details("Definition", new Pre(grid.sweep().definition()));
    add(definition);
    poll(running);
  }

  /** While the sweep runs, the page refreshes every second; it stops when the sweep ends. */
  private void poll(boolean running) {
    UI ui = UI.getCurrent();
    if (running && polling == null) {
      polling = ui;
      ui.setPollInterval(1000);
      pollListener = ui.addPollListener(event -> refresh());
    } else if (!running) {
      stopPolling();
    }
  }

  private void stopPolling() {
    if (polling != null) {
      polling.setPollInterval(-1);
      pollListener.remove();
      polling = null;
    }
  }

  @Override
  protected void onDetach(DetachEvent event) {
    stopPolling();
  }

  /** The grid as one PNG at the size asked for, drawn when the link is followed. */
  private DownloadHandler gridDownload(IntegerField size) {
    return event -> {
      int cell = size.getValue() == null ? 256 : size.getValue();
      event.setFileName(SweepGridImages.fileName(sweepId));
      event.setContentType("image/png");
      gridImages.write(sweepId, cell, event.getOutputStream());
    };
  }

  private Div table(SweepGrid grid, List<AxisLabels> axes, int z) {
    AxisLabels x = axes.getFirst();
    AxisLabels y = axes.size() > 1 ? axes.get(1) : null;
    int columns = x.labels().size();
    int rows = y == null ? 1 : y.labels().size();
    int size = cellSize.getValue();
    Div table = new Div();
    table.addClassName("dlab-sweep-grid");
    table.setId("sweep-grid-" + z);
    table.getStyle().set("grid-template-columns", "auto repeat(" + columns + ", " + size + "px)");
    Span corner = new Span((y == null ? "" : y.field() + " ↓ / ") + x.field() + " →");
    corner.addClassName("dlab-sweep-corner");
    table.add(corner);
    for (int column = 0; column < columns; column++) {
      int c = column;
      table.add(
          header(
              x.labels().get(column),
              grid,
              cell -> cell.z() == z && cell.x() == c,
              "compare column " + x.labels().get(column)));
    }
    for (int row = 0; row < rows; row++) {
      int r = row;
      table.add(
          header(
              y == null ? "" : y.labels().get(row),
              grid,
              cell -> cell.z() == z && cell.y() == r,
              "compare row " + (y == null ? "" : y.labels().get(row))));
      for (int column = 0; column < columns; column++) {
        int c = column;
        SweepGrid.Cell cell =
            grid.cells().stream()
                .filter(candidate -> candidate.z() == z && candidate.y() == r && candidate.x() == c)
                .findFirst()
                .orElse(null);
        table.add(cell(cell, size));
      }
    }
    return table;
  }

  /** An axis label with a button that compares its row or column (2 to 8 finished runs). */
  private Component header(
      String label, SweepGrid grid, Predicate<SweepGrid.Cell> line, String tooltip) {
    List<Long> ids =
        grid.cells().stream()
            .filter(line)
            .filter(cell -> cell.image() != null)
            .map(SweepGrid.Cell::runId)
            .filter(Objects::nonNull)
            .toList();
    Span text = new Span(label);
    VerticalLayout header = new VerticalLayout(text);
    header.setPadding(false);
    header.setSpacing(false);
    header.addClassName("dlab-sweep-label");
    if (ids.size() >= CompareService.MIN_RUNS && ids.size() <= CompareService.MAX_RUNS) {
      Button compare = new Button("compare", click -> CompareRoute.open(ids));
      compare.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL);
      compare.setTooltipText(tooltip);
      compare.addClassName("dlab-compare-line");
      header.add(compare);
    }
    return header;
  }

  private static Component cell(SweepGrid.Cell cell, int size) {
    Div box = new Div();
    box.addClassName("dlab-sweep-cell");
    box.getStyle().set("width", size + "px").set("height", size + "px");
    if (cell == null || cell.image() == null) {
      String state =
          cell == null || cell.status() == null
              ? "waiting"
              : cell.status().name().toLowerCase(Locale.ROOT);
      Span placeholder = new Span(state);
      placeholder.addClassName("dlab-sweep-placeholder");
      box.add(placeholder);
      if (cell != null && cell.runId() != null) {
        return new Anchor("runs/" + cell.runId(), box);
      }
      return box;
    }
    Image image = new Image(Formats.artifactUrl(cell.image()), cell.axisValues());
    image.setTitle("run " + cell.runId() + " · " + cell.axisValues());
    image.addClassName("dlab-sweep-image");
    box.add(image);
    Anchor open = new Anchor("runs/" + cell.runId(), box);
    open.addClassName("dlab-sweep-link");
    return open;
  }
}
