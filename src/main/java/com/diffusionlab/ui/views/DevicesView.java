package com.diffusionlab.ui.views;

import com.diffusionlab.scheduling.DeviceStatus;
import com.diffusionlab.scheduling.Devices;
import com.diffusionlab.scheduling.DevicesOverview;
import com.diffusionlab.scheduling.NodeModel;
import com.diffusionlab.scheduling.NodeStatus;
import com.diffusionlab.scheduling.UnservedJobs;
import com.diffusionlab.ui.Formats;
import com.diffusionlab.ui.components.PollingRefresh;
import com.vaadin.flow.component.Text;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import jakarta.annotation.security.PermitAll;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Every node of the workspace (web nodes and workers) with its devices: what it runs, how busy its
 * slots are, each device's memory, the models it holds loaded, and the jobs waiting in the queue
 * (with those that wait for a device class no responding worker serves, and why). Refreshed every
 * few seconds.
 */
@Route("devices")
@PageTitle("Devices · Diffusion Lab")
@PermitAll
public class DevicesView extends VerticalLayout {
  private static final int REFRESH_MILLIS = 5_000;

  private final Devices devices;
  private final Grid<NodeStatus> grid = new Grid<>();
  private final Span waiting = new Span();

  public DevicesView(Devices devices) {
    this.devices = devices;
    grid.setId("devices-grid");
    // as high as its nodes: no tall empty frame under a single node
    grid.setAllRowsVisible(true);
    // the short columns as wide as their content, the devices taking what is left
    grid.addColumn(new ComponentRenderer<>(DevicesView::node))
        .setHeader("Node")
        .setAutoWidth(true)
        .setFlexGrow(0);
    grid.addColumn(new ComponentRenderer<>(DevicesView::status))
        .setHeader("Status")
        .setAutoWidth(true)
        .setFlexGrow(0);
    grid.addColumn(DevicesView::jobs).setHeader("Runs jobs on").setAutoWidth(true).setFlexGrow(0);
    grid.addColumn(new ComponentRenderer<>(DevicesView::running))
        .setHeader("Running")
        .setAutoWidth(true)
        .setFlexGrow(1);
    grid.addColumn(new ComponentRenderer<>(DevicesView::utilisation))
        .setHeader("Utilisation")
        // rem, not em: a header cell's smaller font would make its column narrower than the rows'
        .setWidth("8rem")
        .setFlexGrow(0);
    grid.addColumn(new ComponentRenderer<>(DevicesView::deviceList))
        .setHeader("Devices and memory")
        .setWidth("11rem")
        .setFlexGrow(3);
    grid.addColumn(new ComponentRenderer<>(DevicesView::modelList))
        .setHeader("Models loaded")
        .setWidth("8rem")
        .setFlexGrow(2);
    waiting.setId("devices-waiting");
    add(new H2("Devices"), waiting, grid);
    refresh();
    PollingRefresh.every(REFRESH_MILLIS, this, this::refresh);
  }

  private void refresh() {
    DevicesOverview overview = devices.overview();
    grid.setItems(overview.nodes());
    StringBuilder text =
        new StringBuilder(
            overview.waiting() == 1
                ? "1 job waiting in the queue"
                : overview.waiting() + " jobs waiting in the queue");
    for (UnservedJobs unserved : overview.unserved()) {
      text.append("; ").append(unserved.waiting()).append(" of them ").append(unserved.reason());
    }
    waiting.setText(text.toString());
  }

  /** The node's name and role, its engine's version below (a column of its own left no room). */
  private static Div node(NodeStatus node) {
    Span role = new Span(node.web() ? "web" : "worker");
    role.addClassName("dlab-status");
    Div cell = new Div(new Div(new Text(node.name() + " "), role));
    if (node.engineVersion() != null) {
      Div engine = new Div(new Text("engine " + node.engineVersion()));
      engine
          .getStyle()
          .set("color", "var(--lumo-secondary-text-color)")
          .set("font-size", "var(--lumo-font-size-s)");
      cell.add(engine);
    }
    return cell;
  }

  private static Span status(NodeStatus node) {
    Span status;
    if (node.responding()) {
      status = new Span("responding");
      status.addClassName("dlab-badge-ok");
    } else {
      status =
          new Span(
              "not responding (last heard "
                  + ago(Duration.between(node.heartbeatAt(), Instant.now()))
                  + " ago)");
      status.addClassName("dlab-badge-warn");
    }
    return status;
  }

  private static String jobs(NodeStatus node) {
    if (!node.runsJobs()) {
      return "no jobs (web only)";
    }
    return node.jobDevice() + ", " + node.slots() + (node.slots() == 1 ? " slot" : " slots");
  }

  private static Div running(NodeStatus node) {
    Div runs = new Div();
    if (node.running().isEmpty()) {
      runs.add(new Text(node.runsJobs() ? "idle" : ""));
    }
    for (long id : node.running()) {
      RouterLink link =
          new RouterLink("run " + id, RunView.class, new RouteParameters("id", Long.toString(id)));
      link.getStyle().set("margin-right", "var(--lumo-space-s)");
      runs.add(link);
    }
    return runs;
  }

  private static Div utilisation(NodeStatus node) {
    Div cell = new Div();
    if (node.runsJobs()) {
      ProgressBar bar = new ProgressBar(0, 1, node.utilisation());
      cell.add(bar, new Text(String.format(Locale.ROOT, "%.0f%%", node.utilisation() * 100)));
      // the bar beside its figure, on the row's middle line like the other cells
      cell.getStyle()
          .set("display", "flex")
          .set("align-items", "center")
          .set("gap", "var(--lumo-space-s)");
    }
    return cell;
  }

  private static Div deviceList(NodeStatus node) {
    Div list = new Div();
    list.getStyle().set("white-space", "normal");
    for (DeviceStatus device : node.devices()) {
      Div line = new Div(new Text(device.device() + " · " + device.description()));
      if (device.memoryTotalBytes() != null) {
        // the memory figures wrap as one, not word by word
        Span memory = new Span(memory(device));
        memory.getStyle().set("white-space", "nowrap");
        line.add(new Text(" · "), memory, new Text(" in use"));
      }
      list.add(line);
    }
    return list;
  }

  /** The models the node holds loaded, with their size, within its cache's budget. */
  private static Div modelList(NodeStatus node) {
    Div list = new Div();
    list.getStyle().set("white-space", "normal");
    if (!node.runsJobs()) {
      return list;
    }
    for (NodeModel model : node.models()) {
      String line =
          model.name()
              + " ("
              + model.contentHash().substring(0, Math.min(10, model.contentHash().length()))
              + ") · "
              + Formats.bytes(model.bytes())
              + (model.inUse() ? " · in use" : "");
      list.add(new Div(new Text(line)));
    }
    long held = node.models().stream().mapToLong(NodeModel::bytes).sum();
    if (node.modelCacheBytes() != null) {
      Div budget =
          new Div(
              new Text(
                  Formats.bytes(held) + " of " + Formats.bytes(node.modelCacheBytes()) + " cache"));
      budget.getStyle().set("color", "var(--lumo-secondary-text-color)");
      list.add(budget);
    }
    return list;
  }

  private static String memory(DeviceStatus device) {
    return (device.memoryUsedBytes() == null ? "?" : Formats.bytes(device.memoryUsedBytes()))
        + " of "
        + Formats.bytes(device.memoryTotalBytes());
  }

  private static String ago(Duration duration) {
    long seconds = Math.max(0, duration.toSeconds());
    if (seconds < 120) {
      return seconds + " s";
    }
    if (seconds < 7200) {
      return seconds / 60 + " min";
    }
    return seconds / 3600 + " h";
  }
}
