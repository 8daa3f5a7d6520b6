package com.diffusionlab.compare.internal;

import com.diffusionlab.compare.GridLayout;
import com.diffusionlab.engine.image.StreamingPngWriter;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where everything of a sweep grid image goes, in pixels. From top to bottom: the title strip, then
 * per grid a header (the grid's title, the X axis title, the column labels with the Y axis title at
 * their left) and its rows of cells, grids {@link #gap} apart. From left to right: the row label
 * column, then the cells, {@link #gap} apart. A strip or column without text is 0 wide.
 *
 * @param rowLabelWidth the column at the left holding the row labels and the Y axis title
 * @param titleHeight the strip of the whole image's title
 * @param gridTitleHeight the strip of each grid's title
 * @param axisTitleHeight the strip of the X axis title, in each grid's header
 * @param columnLabelHeight the strip of the column labels, in each grid's header
 * @param width the image's width
 * @param height the image's height
 */
public record GridGeometry(
    int columns,
    int rows,
    int grids,
    int cellWidth,
    int cellHeight,
    int gap,
    int rowLabelWidth,
    int titleHeight,
    int gridTitleHeight,
    int axisTitleHeight,
    int columnLabelHeight,
    int width,
    int height) {

  private static final int CHANNELS = 3;

  /**
   * Measures the label strips with {@code labels}' fonts and sums up the image's size.
   *
   * @throws IllegalArgumentException if the image would be wider than {@link
   *     StreamingPngWriter#MAX_WIDTH} or higher than PNG's 2^31 - 1 pixels, naming the size
   */
  static GridGeometry measure(GridLayout layout, LabelPainter labels) {
    int padding = labels.padding();
    int titleHeight = strip(labels, LabelStyle.HEADING, List.of(layout.title()));
    int gridTitleHeight = strip(labels, LabelStyle.HEADING, layout.gridTitles());
    int axisTitleHeight = strip(labels, LabelStyle.AXIS, List.of(layout.x().title()));
    int columnLabelHeight =
        Math.max(
            strip(labels, LabelStyle.VALUE, layout.x().labels()),
            strip(labels, LabelStyle.AXIS, List.of(layout.y().title())));
    int widestRowLabel =
        Stream.concat(
                layout.y().labels().stream().map(l -> labels.width(l, LabelStyle.VALUE)),
                Stream.of(labels.width(layout.y().title(), LabelStyle.AXIS)))
            .mapToInt(Integer::intValue)
            .max()
            .orElse(0);
    // Long row labels (whole prompts) would push the cells off: they are cut with an ellipsis.
    int maxRowLabelWidth = Math.max(layout.cellWidth(), 16 * labels.labelSize());
    int rowLabelWidth =
        widestRowLabel == 0 ? 0 : Math.min(widestRowLabel, maxRowLabelWidth) + 2 * padding;

    long width =
        rowLabelWidth
            + (long) layout.columns() * layout.cellWidth()
            + (long) (layout.columns() - 1) * layout.gap();
    long gridHeight =
        gridTitleHeight
            + axisTitleHeight
            + columnLabelHeight
            + (long) layout.rows() * layout.cellHeight()
            + (long) (layout.rows() - 1) * layout.gap();
    long height =
        titleHeight + layout.grids() * gridHeight + (long) (layout.grids() - 1) * layout.gap();
    if (width > StreamingPngWriter.MAX_WIDTH) {
      throw new IllegalArgumentException(
          "sweep grid would be %d pixels wide (%d columns of %d pixels); at most %d are possible"
              .formatted(
                  width, layout.columns(), layout.cellWidth(), StreamingPngWriter.MAX_WIDTH));
    }
    if (height > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "sweep grid would be %d pixels high (%d grids of %d rows of %d pixels); PNG allows at most %d"
              .formatted(
                  height, layout.grids(), layout.rows(), layout.cellHeight(), Integer.MAX_VALUE));
    }
    return new GridGeometry(
        layout.columns(),
        layout.rows(),
        layout.grids(),
        layout.cellWidth(),
        layout.cellHeight(),
        layout.gap(),
        rowLabelWidth,
        titleHeight,
        gridTitleHeight,
        axisTitleHeight,
        columnLabelHeight,
        (int) width,
        (int) height);
  }

  /** A line of text with padding above and below, or 0 when every text is blank. */
  private static int strip(LabelPainter labels, LabelStyle style, List<String> texts) {
    boolean any = texts.stream().anyMatch(t -> labels.width(t, style) > 0);
    return any ? labels.lineHeight(style) + 2 * labels.padding() : 0;
  }

  /** The x of column {@code column}'s left edge. */
  public int cellLeft(int column) {
    return rowLabelWidth + column * (cellWidth + gap);
  }

  /** The width of the cells and the gaps between them. */
  public int cellsWidth() {
    return width - rowLabelWidth;
  }

  /** The height of each grid's header: its title, the X axis title and the column labels. */
  public int gridHeaderHeight() {
    return gridTitleHeight + axisTitleHeight + columnLabelHeight;
  }

  /** The y of the top of the cells of row {@code row} of grid {@code grid}. */
  public int cellTop(int grid, int row) {
    long gridHeight = gridHeaderHeight() + (long) rows * cellHeight + (long) (rows - 1) * gap;
    return (int)
        (titleHeight
            + grid * (gridHeight + gap)
            + gridHeaderHeight()
            + (long) row * (cellHeight + gap));
  }

  /** The rows of the buffer the image is drawn in: the tallest strip or row of cells. */
  public int bufferRows() {
    return Math.max(cellHeight, Math.max(titleHeight, gridHeaderHeight()));
  }

  /**
   * The bytes of the buffer the image is drawn in: {@code 3 × width × bufferRows}, the grid's whole
   * width but only one row of cells (or one header strip) high.
   */
  public long bufferBytes() {
    return (long) CHANNELS * width * bufferRows();
  }
}
