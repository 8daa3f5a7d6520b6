package com.diffusionlab.ui.components;

import com.diffusionlab.reports.ExportFormat;
import com.diffusionlab.reports.ExportService;
import com.diffusionlab.tracking.RunSelection;
import com.diffusionlab.ui.BackgroundTasks;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.server.streams.DownloadHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Export buttons for whatever a view shows (an experiment, a query, a selection): the export runs
 * in the background into a temporary file with a progress bar, then offers the file to download.
 */
public class ExportBar extends HorizontalLayout {

  private final ExportService exports;
  private final BackgroundTasks tasks;
  private final Supplier<RunSelection> selection;
  private final ProgressBar progress = new ProgressBar(0, 1);
  private final Span status = new Span();
  private final Anchor download = new Anchor();
  private Path file;

  public ExportBar(ExportService exports, BackgroundTasks tasks, Supplier<RunSelection> selection) {
    this.exports = exports;
    this.tasks = tasks;
    this.selection = selection;
    setAlignItems(FlexComponent.Alignment.CENTER);
    setId("export-bar");
    add(new Span("Export:"));
    for (ExportFormat format : ExportFormat.values()) {
      Button button = new Button(label(format), click -> start(format));
      button.setId("export-" + format.extension());
      button.setTooltipText(tooltip(format));
      add(button);
    }
    progress.setWidth("160px");
    progress.setVisible(false);
    progress.setId("export-progress");
    status.setId("export-status");
    download.setId("export-download");
    download.setVisible(false);
    download.getElement().setAttribute("download", true);
    add(progress, status, download);
  }

  private static String label(ExportFormat format) {
    return switch (format) {
      case HTML -> "HTML report";
      case ARROW -> "Arrow";
      case CSV -> "CSV";
      case ZIP -> "ZIP bundle";
    };
  }

  private static String tooltip(ExportFormat format) {
    return switch (format) {
      case HTML -> "one self-contained file that opens offline: images, settings, grids, charts";
      case ARROW -> "Arrow IPC file (Feather v2) for pandas, polars, DuckDB, Arrow JS";
      case CSV -> "the same columns as CSV";
      case ZIP -> "PNGs with replay metadata, a manifest and the Arrow file: imports elsewhere";
    };
  }

  private void start(ExportFormat format) {
    RunSelection chosen = selection.get();
    UI ui = UI.getCurrent();
    long total;
    try {
      total = exports.check(chosen, format);
    } catch (RuntimeException e) {
      show(e.getMessage(), true);
      return;
    }
    discard();
    progress.setValue(0);
    progress.setVisible(true);
    download.setVisible(false);
    status.setText(String.format(Locale.ROOT, "exporting %,d runs as %s …", total, format));
    getChildren()
        .filter(Button.class::isInstance)
        .forEach(button -> ((Button) button).setEnabled(false));
    tasks.run(
        () -> {
          try {
            Path written = Files.createTempFile("dlab-export-", "." + format.extension());
            try (OutputStream out = Files.newOutputStream(written)) {
              exports.export(
                  chosen,
                  format,
                  out,
                  (done, all) ->
                      ui.access(() -> progress.setValue(all == 0 ? 1 : done / (double) all)));
            }
            ui.access(() -> ready(written, ExportService.fileName(chosen, format)));
          } catch (IOException | RuntimeException e) {
            ui.access(() -> show("export failed: " + e.getMessage(), true));
          }
        });
  }

  private void ready(Path written, String name) {
    file = written;
    progress.setVisible(false);
    show("", false);
    download.setHref(DownloadHandler.forFile(written.toFile(), name));
    download.setText(name + " (" + sizeOf(written) + ")");
    download.setVisible(true);
    download.getElement().executeJs("this.click()");
  }

  private static String sizeOf(Path path) {
    try {
      return String.format(Locale.ROOT, "%.1f MB", Files.size(path) / 1e6);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void show(String message, boolean error) {
    progress.setVisible(false);
    status.setText(message);
    status.getStyle().set("color", error ? "var(--lumo-error-text-color)" : "inherit");
    getChildren()
        .filter(Button.class::isInstance)
        .forEach(button -> ((Button) button).setEnabled(true));
  }

  private void discard() {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      file = null;
    }
  }

  @Override
  protected void onAttach(AttachEvent event) {
    show("", false);
  }

  @Override
  protected void onDetach(DetachEvent event) {
    discard();
  }
}
