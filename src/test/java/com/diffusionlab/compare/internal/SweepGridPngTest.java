package com.diffusionlab.compare.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.diffusionlab.compare.GridAxis;
import com.diffusionlab.compare.GridCell;
import com.diffusionlab.compare.GridCellSource;
import com.diffusionlab.compare.GridLayout;
import com.diffusionlab.engine.image.PngMetadataReader;
import com.diffusionlab.engine.image.RgbImage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class SweepGridPngTest {
  private static final int CELL_WIDTH = 64;
  private static final int CELL_HEIGHT = 48;
  private static final int GAP = 6;
  private static final int WHITE = 0xFFFFFF;

  private final SweepGridPng grids = new SweepGridPng();

  private static GridLayout layout(List<String> gridTitles) {
    return new GridLayout(
        "CFG against steps",
        GridAxis.of("cfg", "3", "5", "7"),
        GridAxis.of("steps", "20", "30"),
        gridTitles,
        CELL_WIDTH,
        CELL_HEIGHT,
        GAP);
  }

  /** A different colour per cell, none white, grey or dark. */
  private static int colour(int grid, int row, int column) {
    return (40 + 60 * column) << 16 | (50 + 70 * row) << 8 | (90 + 100 * grid);
  }

  static RgbImage solid(int width, int height, int rgb) {
    int[] packed = new int[width * height];
    java.util.Arrays.fill(packed, rgb);
    return RgbImage.fromPackedRgb(width, height, packed);
  }

  private static GridCell colouredCell(int grid, int row, int column) {
    return GridCell.of(solid(CELL_WIDTH, CELL_HEIGHT, colour(grid, row, column)));
  }

  private BufferedImage render(GridLayout layout, GridCellSource cells) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    WrittenGrid written = grids.write(layout, cells, out);
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(out.toByteArray()));
    assertThat(image.getWidth()).isEqualTo(written.width());
    assertThat(image.getHeight()).isEqualTo(written.height()).isEqualTo(written.rowsWritten());
    return image;
  }

  private static int pixel(BufferedImage image, int x, int y) {
    return image.getRGB(x, y) & 0xFFFFFF;
  }

  private static boolean isDark(int rgb) {
    return (rgb >> 16 & 0xFF) < 128 && (rgb >> 8 & 0xFF) < 128 && (rgb & 0xFF) < 128;
  }

  /** Whether some pixel of the rectangle is dark, as drawn text is. */
  private static boolean hasText(BufferedImage image, int left, int top, int width, int height) {
    for (int y = top; y < top + height; y++) {
      for (int x = left; x < left + width; x++) {
        if (isDark(pixel(image, x, y))) {
          return true;
        }
      }
    }
    return false;
  }

  private static void assertAll(
      BufferedImage image, int left, int top, int width, int height, int rgb, String what) {
    for (int y = top; y < top + height; y++) {
      for (int x = left; x < left + width; x++) {
        assertThat(pixel(image, x, y)).as("%s at %d,%d", what, x, y).isEqualTo(rgb);
      }
    }
  }

  @Test
  void cellsLabelsAndGapsAreWhereTheGeometrySays() throws IOException {
    GridLayout layout = layout(List.of());
    GridGeometry geometry = grids.geometry(layout);

    BufferedImage image = render(layout, SweepGridPngTest::colouredCell);

    assertThat(image.getWidth()).isEqualTo(geometry.width());
    assertThat(image.getHeight()).isEqualTo(geometry.height());
    for (int row = 0; row < 2; row++) {
      int top = geometry.cellTop(0, row);
      for (int column = 0; column < 3; column++) {
        int left = geometry.cellLeft(column);
        assertThat(pixel(image, left + CELL_WIDTH / 2, top + CELL_HEIGHT / 2))
            .isEqualTo(colour(0, row, column));
        assertAll(image, left, top, CELL_WIDTH, CELL_HEIGHT, colour(0, row, column), "cell");
        if (column < 2) {
          assertAll(image, left + CELL_WIDTH, top, GAP, CELL_HEIGHT, WHITE, "gap between columns");
        }
      }
      assertThat(hasText(image, 0, top, geometry.rowLabelWidth(), CELL_HEIGHT))
          .as("label of row %d", row)
          .isTrue();
    }
    assertAll(
        image,
        geometry.rowLabelWidth(),
        geometry.cellTop(0, 0) + CELL_HEIGHT,
        geometry.cellsWidth(),
        GAP,
        WHITE,
        "gap between rows");
    int columnLabelsTop = geometry.cellTop(0, 0) - geometry.columnLabelHeight();
    for (int column = 0; column < 3; column++) {
      assertThat(
              hasText(
                  image,
                  geometry.cellLeft(column),
                  columnLabelsTop,
                  CELL_WIDTH,
                  geometry.columnLabelHeight()))
          .as("label of column %d", column)
          .isTrue();
    }
    assertThat(
            hasText(
                image, 0, columnLabelsTop, geometry.rowLabelWidth(), geometry.columnLabelHeight()))
        .as("Y axis title left of the column labels")
        .isTrue();
    assertThat(hasText(image, 0, 0, geometry.width(), geometry.titleHeight())).as("title").isTrue();
    assertThat(
            hasText(
                image,
                geometry.rowLabelWidth(),
                geometry.titleHeight(),
                geometry.cellsWidth(),
                geometry.axisTitleHeight()))
        .as("X axis title")
        .isTrue();
  }

  @Test
  void aMissingCellIsAGreyPlaceholderWithItsReason() throws IOException {
    GridLayout layout = layout(List.of());
    GridGeometry geometry = grids.geometry(layout);

    BufferedImage image =
        render(
            layout,
            (grid, row, column) ->
                row == 1 && column == 2
                    ? GridCell.missing("failed")
                    : colouredCell(grid, row, column));

    int left = geometry.cellLeft(2);
    int top = geometry.cellTop(0, 1);
    assertThat(pixel(image, left + 1, top + 1)).isEqualTo(GridBands.PLACEHOLDER);
    assertThat(pixel(image, left + CELL_WIDTH - 2, top + CELL_HEIGHT - 2))
        .isEqualTo(GridBands.PLACEHOLDER);
    assertThat(hasText(image, left, top, CELL_WIDTH, CELL_HEIGHT)).as("reason").isTrue();
    for (int y = top; y < top + CELL_HEIGHT; y++) {
      for (int x = left; x < left + CELL_WIDTH; x++) {
        assertThat(pixel(image, x, y)).isNotEqualTo(colour(0, 1, 2));
      }
    }
    assertThat(pixel(image, geometry.cellLeft(1) + 5, top + 5)).isEqualTo(colour(0, 1, 1));
  }

  @Test
  void aZAxisStacksOneTitledGridPerValue() throws IOException {
    GridLayout one = layout(List.of("steps: 30"));
    GridLayout two = layout(List.of("steps: 30", "steps: 50"));
    GridGeometry single = grids.geometry(one);
    GridGeometry geometry = grids.geometry(two);

    BufferedImage image = render(two, SweepGridPngTest::colouredCell);

    assertThat(geometry.grids()).isEqualTo(2);
    assertThat(geometry.height() - geometry.titleHeight())
        .isEqualTo(2 * (single.height() - single.titleHeight()) + GAP);
    assertThat(image.getHeight()).isEqualTo(geometry.height());
    for (int grid = 0; grid < 2; grid++) {
      for (int row = 0; row < 2; row++) {
        for (int column = 0; column < 3; column++) {
          int x = geometry.cellLeft(column) + CELL_WIDTH / 2;
          int y = geometry.cellTop(grid, row) + CELL_HEIGHT / 2;
          assertThat(pixel(image, x, y)).isEqualTo(colour(grid, row, column));
        }
      }
      int headerTop = geometry.cellTop(grid, 0) - geometry.gridHeaderHeight();
      assertThat(hasText(image, 0, headerTop, geometry.width(), geometry.gridTitleHeight()))
          .as("title of grid %d", grid)
          .isTrue();
    }
  }

  @Test
  void imagesOfAnotherSizeAreScaledToFitAndLetterboxed() throws IOException {
    RgbImage exact = new RgbImage(CELL_WIDTH, CELL_HEIGHT, noise(CELL_WIDTH * CELL_HEIGHT * 3));
    int red = 0xC03020;
    int blue = 0x2040C0;
    GridLayout layout =
        new GridLayout(
            "",
            GridAxis.of("", "", "", "", ""),
            GridAxis.none(),
            List.of(),
            CELL_WIDTH,
            CELL_HEIGHT,
            0);
    GridGeometry geometry = grids.geometry(layout);

    BufferedImage image =
        render(
            layout,
            (grid, row, column) ->
                switch (column) {
                  case 0 -> GridCell.of(exact);
                  case 1 -> GridCell.of(solid(32, 8, red)); // wide: 64×16, bars above and below
                  case 2 -> GridCell.of(solid(10, 40, blue)); // tall: 12×48, bars at the sides
                  default -> GridCell.of(solid(640, 480, red)); // same aspect, shrunk to fill
                });

    assertThat(geometry.rowLabelWidth()).isZero();
    assertThat(geometry.gridHeaderHeight()).isZero();
    int[] decoded = image.getRGB(0, 0, CELL_WIDTH, CELL_HEIGHT, null, 0, CELL_WIDTH);
    for (int i = 0; i < decoded.length; i++) {
      decoded[i] &= 0xFFFFFF;
    }
    assertThat(decoded).as("an image of the cell size, unchanged").isEqualTo(exact.toPackedRgb());
    int wide = geometry.cellLeft(1);
    assertAll(image, wide, 0, CELL_WIDTH, 16, WHITE, "bar above");
    assertAll(image, wide, 16, CELL_WIDTH, 16, red, "wide image");
    assertAll(image, wide, 32, CELL_WIDTH, 16, WHITE, "bar below");
    int tall = geometry.cellLeft(2);
    assertAll(image, tall, 0, 26, CELL_HEIGHT, WHITE, "bar left");
    assertAll(image, tall + 26, 0, 12, CELL_HEIGHT, blue, "tall image");
    assertAll(image, tall + 38, 0, 26, CELL_HEIGHT, WHITE, "bar right");
    assertAll(image, geometry.cellLeft(3), 0, CELL_WIDTH, CELL_HEIGHT, red, "shrunk image");
  }

  @Test
  void longLabelsAreCutToTheirColumnAndTheRowLabelColumnIsCapped() throws IOException {
    String prompt =
        "a photograph of an astronaut riding a horse on the moon, highly detailed ".repeat(4);
    GridLayout layout =
        new GridLayout(
            "",
            GridAxis.of("", prompt, prompt, prompt),
            GridAxis.of("", prompt),
            List.of(),
            CELL_WIDTH,
            CELL_HEIGHT,
            GAP);
    GridGeometry geometry = grids.geometry(layout);
    LabelPainter labels = new LabelPainter(CELL_WIDTH, CELL_HEIGHT);

    BufferedImage image = render(layout, SweepGridPngTest::colouredCell);

    assertThat(geometry.rowLabelWidth())
        .isLessThan(labels.width(prompt, LabelStyle.VALUE))
        .isEqualTo(16 * labels.labelSize() + 2 * labels.padding());
    assertThat(hasText(image, 0, geometry.cellTop(0, 0), geometry.rowLabelWidth(), CELL_HEIGHT))
        .isTrue();
    int labelsTop = geometry.cellTop(0, 0) - geometry.columnLabelHeight();
    for (int column = 0; column < 3; column++) {
      int left = geometry.cellLeft(column);
      assertThat(hasText(image, left, labelsTop, CELL_WIDTH, geometry.columnLabelHeight()))
          .isTrue();
      if (column < 2) {
        assertAll(
            image, left + CELL_WIDTH, 0, GAP, geometry.cellTop(0, 0), WHITE, "beside a label");
      }
    }
  }

  @Test
  void asksForEachCellOnceInGridRowColumnOrder() throws IOException {
    List<String> calls = new ArrayList<>();

    grids.write(
        layout(List.of("a", "b")),
        (grid, row, column) -> {
          calls.add(grid + "," + row + "," + column);
          return colouredCell(grid, row, column);
        },
        new ByteArrayOutputStream());

    List<String> expected = new ArrayList<>();
    for (int grid = 0; grid < 2; grid++) {
      for (int row = 0; row < 2; row++) {
        for (int column = 0; column < 3; column++) {
          expected.add(grid + "," + row + "," + column);
        }
      }
    }
    assertThat(calls).isEqualTo(expected);
  }

  @Test
  void withoutAnyTextTheImageIsJustTheCellsAndGaps() throws IOException {
    GridLayout layout =
        new GridLayout(
            "",
            GridAxis.of("", "", "", ""),
            GridAxis.of("", "", ""),
            List.of(),
            CELL_WIDTH,
            CELL_HEIGHT,
            GAP);

    GridGeometry geometry = grids.geometry(layout);

    assertThat(geometry.width()).isEqualTo(3 * CELL_WIDTH + 2 * GAP);
    assertThat(geometry.height()).isEqualTo(2 * CELL_HEIGHT + GAP);
    assertThat(geometry.bufferBytes()).isEqualTo(3L * geometry.width() * CELL_HEIGHT);
  }

  @Test
  void thePngNamesItsSoftwareAndTitle() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    grids.write(layout(List.of()), SweepGridPngTest::colouredCell, out);

    assertThat(new PngMetadataReader().read(out.toByteArray()).textMap())
        .containsExactly(
            java.util.Map.entry("Software", "Diffusion Lab"),
            java.util.Map.entry("Title", "CFG against steps"));
  }

  @Test
  void aNullCellIsRefusedNamingIt() {
    assertThatThrownBy(
            () ->
                grids.write(
                    layout(List.of()),
                    (grid, row, column) -> row == 1 && column == 2 ? null : colouredCell(0, 0, 0),
                    new ByteArrayOutputStream()))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("grid 0, row 1, column 2");
  }

  @Test
  void refusesCellSizesAndGapsOutsideTheirRanges() {
    GridAxis axis = GridAxis.of("cfg", "7");
    assertThatThrownBy(() -> new GridLayout("", axis, axis, List.of(), 7, 64, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cell width 7 pixels is outside 8 to 4096");
    assertThatThrownBy(() -> new GridLayout("", axis, axis, List.of(), 64, 4097, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cell height 4097 pixels is outside 8 to 4096");
    assertThatThrownBy(() -> new GridLayout("", axis, axis, List.of(), 64, 64, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("gap -1 pixels is outside 0 to 1024");
    assertThatThrownBy(() -> new GridAxis("cfg", List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no labels");
  }

  @Test
  void refusesImagesBeyondPngAndArrayLimitsBeforeWritingAnything() {
    GridAxis many = new GridAxis("", Collections.nCopies(600_000, ""));
    GridAxis one = GridAxis.none();
    GridLayout tooWide = new GridLayout("", many, one, List.of(), 4096, 8, 0);
    GridLayout tooHigh = new GridLayout("", one, many, List.of(), 8, 4096, 0);
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    assertThatThrownBy(() -> grids.write(tooWide, (g, r, c) -> null, out))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2457600000 pixels wide")
        .hasMessageContaining("at most 715827879");
    assertThatThrownBy(() -> grids.write(tooHigh, (g, r, c) -> null, out))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2457600000 pixels high")
        .hasMessageContaining("at most 2147483647");
    assertThat(out.size()).isZero();
  }

  private static byte[] noise(int length) {
    byte[] bytes = new byte[length];
    new SplittableRandom(17).nextBytes(bytes);
    return bytes;
  }
}
