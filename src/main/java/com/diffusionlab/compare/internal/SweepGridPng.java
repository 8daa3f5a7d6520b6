package com.diffusionlab.compare.internal;

import com.diffusionlab.compare.GridCellSource;
import com.diffusionlab.compare.GridLayout;
import com.diffusionlab.engine.image.PngText;
import com.diffusionlab.engine.image.StreamingPngWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Writes a sweep grid (AUTOMATIC1111's X/Y/Z plot) as one PNG of any size the format allows,
 * without ever holding the whole image: it is drawn band by band, each band one row of cells high,
 * and each band's pixel rows go to a {@link StreamingPngWriter} before the next band is drawn.
 *
 * <p>The image has the title at the top, then each grid (one per Z value) with its title, the X
 * axis title and the column labels above its first row, each row's label right-aligned at its left
 * and the Y axis title above the row labels. Cells are scaled to the cell size with their aspect
 * ratio kept (Lanczos) and centred on white; a {@linkplain
 * com.diffusionlab.compare.GridCell.Missing missing} cell is a grey placeholder with its reason.
 * Text too wide for its space ends in an ellipsis. {@link GridGeometry} has the pixel layout.
 *
 * <p>Peak memory, with {@code W} the image width ({@code rowLabelWidth + columns × cellWidth +
 * (columns − 1) × gap}):
 *
 * <pre>
 *   3 × W × max(cellHeight, header height)      the one drawing buffer ({@link GridGeometry#bufferBytes})
 * + 6 × (3 × W + 1)                             the encoder's filter rows
 * + the cell image being drawn, as the source returned it, and its scaled copy
 *   (about 3 × (sourceWidth × sourceHeight + cellWidth × sourceHeight + cellWidth × cellHeight))
 * + about 330 KiB of zlib state and IDAT chunk, and the label images (a few text lines)
 * </pre>
 *
 * so about {@code 3 × columns × cellWidth × cellHeight} bytes: 126 MB for 40 columns of 1024×1024
 * cells, whatever the number of rows and grids. The cell source should not hold more than the cell
 * it returns.
 *
 * <p>Text is drawn with {@link LabelPainter}, which works headless but needs a system font.
 * Stateless and thread-safe; the bytes are a function of the layout, the cells, the fonts and the
 * JDK's zlib.
 */
public final class SweepGridPng {
  private static final String SOFTWARE = "Diffusion Lab";

  /**
   * Where everything of the layout's image goes, and its size.
   *
   * @throws IllegalArgumentException if the image would exceed PNG's or a Java array's limits
   */
  public GridGeometry geometry(GridLayout layout) {
    return GridGeometry.measure(layout, painter(layout));
  }

  /**
   * Writes the grid to {@code out} (which stays open), asking {@code cells} for each cell once,
   * grid by grid, row by row, column by column, as each row of cells is drawn. The PNG has a {@code
   * Software} text and, if the layout has a title, a {@code Title} text.
   *
   * @throws IllegalArgumentException if the image would exceed PNG's or a Java array's limits;
   *     nothing is written then
   * @throws NullPointerException if {@code cells} returns null, naming the cell
   */
  public WrittenGrid write(GridLayout layout, GridCellSource cells, OutputStream out)
      throws IOException {
    Objects.requireNonNull(cells, "cells");
    Objects.requireNonNull(out, "out");
    LabelPainter labels = painter(layout);
    GridGeometry geometry = GridGeometry.measure(layout, labels);
    RowCanvas canvas = new RowCanvas(geometry.width(), geometry.bufferRows());
    int rowsWritten;
    try (StreamingPngWriter png =
        StreamingPngWriter.open(out, geometry.width(), geometry.height(), texts(layout))) {
      GridBands bands = new GridBands(layout, geometry, labels, canvas, png);
      bands.writeTitle();
      for (int grid = 0; grid < geometry.grids(); grid++) {
        bands.writeGap(grid == 0 ? 0 : geometry.gap());
        bands.writeHeader(grid);
        for (int row = 0; row < geometry.rows(); row++) {
          bands.writeGap(row == 0 ? 0 : geometry.gap());
          bands.writeRow(grid, row, cells);
        }
      }
      rowsWritten = png.rowsWritten();
    }
    return new WrittenGrid(geometry.width(), geometry.height(), rowsWritten, canvas.bytes());
  }

  private static LabelPainter painter(GridLayout layout) {
    return new LabelPainter(layout.cellWidth(), layout.cellHeight());
  }

  private static List<PngText> texts(GridLayout layout) {
    List<PngText> texts = new ArrayList<>();
    texts.add(PngText.of("Software", SOFTWARE));
    if (!layout.title().isBlank()) {
      texts.add(PngText.of("Title", layout.title()));
    }
    return texts;
  }
}
