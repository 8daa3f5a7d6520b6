package com.diffusionlab.compare.internal;

import com.diffusionlab.compare.GridCell;
import com.diffusionlab.compare.GridCellSource;
import com.diffusionlab.compare.GridLayout;
import com.diffusionlab.engine.image.RgbImage;
import com.diffusionlab.engine.image.StreamingPngWriter;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Draws one sweep grid image strip by strip into a {@link RowCanvas} and writes each strip to the
 * PNG as soon as it is complete, top to bottom: the title, then for each grid its header, its rows
 * of cells and the gaps between them.
 */
final class GridBands {
  static final int BACKGROUND = 0xFFFFFF;
  static final int TEXT = 0x202020;
  static final int PLACEHOLDER = 0xD8D8D8;
  static final int PLACEHOLDER_TEXT = 0x505050;

  private final GridLayout layout;
  private final GridGeometry geometry;
  private final LabelPainter labels;
  private final RowCanvas canvas;
  private final StreamingPngWriter png;

  GridBands(
      GridLayout layout,
      GridGeometry geometry,
      LabelPainter labels,
      RowCanvas canvas,
      StreamingPngWriter png) {
    this.layout = layout;
    this.geometry = geometry;
    this.labels = labels;
    this.canvas = canvas;
    this.png = png;
  }

  /** The strip with the whole image's title, centred; nothing if there is no title. */
  void writeTitle() throws IOException {
    int height = geometry.titleHeight();
    if (height == 0) {
      return;
    }
    canvas.clear(height);
    centred(layout.title(), LabelStyle.HEADING, geometry.width() / 2, 0);
    canvas.writeTo(png, height);
  }

  /**
   * The header of grid {@code grid}: its title and the X axis title centred over the cells, the
   * column labels centred over each column, the Y axis title right-aligned left of them.
   */
  void writeHeader(int grid) throws IOException {
    int height = geometry.gridHeaderHeight();
    if (height == 0) {
      return;
    }
    canvas.clear(height);
    int cellsCentre = geometry.rowLabelWidth() + geometry.cellsWidth() / 2;
    int top = 0;
    if (geometry.gridTitleHeight() > 0) {
      centred(layout.gridTitles().get(grid), LabelStyle.HEADING, cellsCentre, top);
      top += geometry.gridTitleHeight();
    }
    if (geometry.axisTitleHeight() > 0) {
      centred(layout.x().title(), LabelStyle.AXIS, cellsCentre, top);
      top += geometry.axisTitleHeight();
    }
    if (geometry.columnLabelHeight() > 0) {
      rowLabel(layout.y().title(), LabelStyle.AXIS, top, geometry.columnLabelHeight());
      List<String> columnLabels = layout.x().labels();
      for (int column = 0; column < columnLabels.size(); column++) {
        int left = geometry.cellLeft(column);
        Optional<RgbImage> label =
            labels.paint(
                columnLabels.get(column), LabelStyle.VALUE, cellTextWidth(), TEXT, BACKGROUND);
        if (label.isPresent()) {
          int x = left + (geometry.cellWidth() - label.get().width()) / 2;
          canvas.paste(label.get(), x, middle(top, geometry.columnLabelHeight(), label.get()));
        }
      }
    }
    canvas.writeTo(png, height);
  }

  /**
   * Row {@code row} of grid {@code grid}: its label, then every cell from {@code cells} scaled into
   * place, or a placeholder with the reason the cell is missing.
   */
  void writeRow(int grid, int row, GridCellSource cells) throws IOException {
    int height = geometry.cellHeight();
    canvas.clear(height);
    rowLabel(layout.y().labels().get(row), LabelStyle.VALUE, 0, height);
    for (int column = 0; column < geometry.columns(); column++) {
      int left = geometry.cellLeft(column);
      switch (cell(cells, grid, row, column)) {
        case GridCell.Generated generated -> {
          RgbImage fitted =
              CellFitter.fit(generated.image(), geometry.cellWidth(), geometry.cellHeight());
          canvas.paste(
              fitted,
              left + (geometry.cellWidth() - fitted.width()) / 2,
              (height - fitted.height()) / 2);
        }
        case GridCell.Missing missing -> placeholder(missing.reason(), left);
      }
    }
    canvas.writeTo(png, height);
  }

  /** {@code count} white rows. */
  void writeGap(int count) throws IOException {
    if (count > 0) {
      canvas.clear(1);
      canvas.writeRepeated(png, 0, count);
    }
  }

  private static GridCell cell(GridCellSource cells, int grid, int row, int column)
      throws IOException {
    GridCell cell = cells.cell(grid, row, column);
    if (cell == null) {
      throw new NullPointerException(
          "cell source returned null for grid %d, row %d, column %d; a cell without an image is GridCell.missing(reason)"
              .formatted(grid, row, column));
    }
    return cell;
  }

  /** The widest text inside a cell: its width less a padding that small cells shrink. */
  private int cellTextWidth() {
    return geometry.cellWidth() - 2 * Math.min(labels.padding(), geometry.cellWidth() / 8);
  }

  private void placeholder(String reason, int left) {
    canvas.fill(left, 0, geometry.cellWidth(), geometry.cellHeight(), PLACEHOLDER);
    labels
        .paint(reason, LabelStyle.VALUE, cellTextWidth(), PLACEHOLDER_TEXT, PLACEHOLDER)
        .ifPresent(
            text ->
                canvas.paste(
                    text,
                    left + (geometry.cellWidth() - text.width()) / 2,
                    middle(0, geometry.cellHeight(), text)));
  }

  /** Text right-aligned in the row label column, centred in the strip from {@code top}. */
  private void rowLabel(String text, LabelStyle style, int top, int height) {
    int padding = labels.padding();
    int right = geometry.rowLabelWidth() - padding;
    labels
        .paint(text, style, right - padding, TEXT, BACKGROUND)
        .ifPresent(label -> canvas.paste(label, right - label.width(), middle(top, height, label)));
  }

  /** Text centred on {@code centre} where it fits, else kept inside the image. */
  private void centred(String text, LabelStyle style, int centre, int top) {
    int padding = labels.padding();
    labels
        .paint(text, style, geometry.width() - 2 * padding, TEXT, BACKGROUND)
        .ifPresent(
            label -> {
              int left =
                  Math.clamp(
                      centre - label.width() / 2L,
                      Math.min(padding, geometry.width() - label.width()),
                      Math.max(0, geometry.width() - padding - label.width()));
              canvas.paste(label, left, top + padding);
            });
  }

  private static int middle(int top, int height, RgbImage label) {
    return top + (height - label.height()) / 2;
  }
}
