package com.diffusionlab.compare.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.diffusionlab.compare.GridAxis;
import com.diffusionlab.compare.GridCell;
import com.diffusionlab.compare.GridLayout;
import com.diffusionlab.engine.image.PngStructure;
import com.diffusionlab.engine.image.RgbImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A grid far larger than its drawing buffer: 24 × 24 cells of 512 × 512, over 12288 × 12288 pixels
 * (450 MB of RGB), written through a buffer one row of cells high. Solid cells compress to a few
 * hundred kilobytes, so the PNG is kept and checked whole.
 */
class LargeSweepGridTest {
  private static final int SIDE = 24;
  private static final int CELL = 512;
  private static final int GAP = 4;

  private static List<String> labels(String prefix) {
    return IntStream.range(0, SIDE).mapToObj(i -> prefix + i).toList();
  }

  @Test
  void a24By24GridOf512PixelCellsIsWrittenOneRowOfCellsAtATime() throws IOException {
    GridLayout layout =
        new GridLayout(
            "large",
            new GridAxis("seed", labels("s")),
            new GridAxis("cfg", labels("c")),
            List.of(),
            CELL,
            CELL,
            GAP);
    RgbImage[] solids =
        IntStream.of(0xC03020, 0x20A040, 0x3050C0, 0x909020)
            .mapToObj(rgb -> SweepGridPngTest.solid(CELL, CELL, rgb))
            .toArray(RgbImage[]::new);
    int[][] calls = new int[SIDE][SIDE];
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SweepGridPng grids = new SweepGridPng();
    GridGeometry geometry = grids.geometry(layout);

    WrittenGrid written =
        grids.write(
            layout,
            (grid, row, column) -> {
              calls[row][column]++;
              return GridCell.of(solids[(row + column) % solids.length]);
            },
            out);

    assertThat(Arrays.stream(calls).flatMapToInt(Arrays::stream))
        .hasSize(SIDE * SIDE)
        .containsOnly(1);
    assertThat(geometry.width()).isGreaterThan(SIDE * CELL);
    assertThat(geometry.height()).isGreaterThan(SIDE * CELL);
    assertThat(written.width()).isEqualTo(geometry.width());
    assertThat(written.height()).isEqualTo(geometry.height());
    assertThat(written.rowsWritten()).isEqualTo(geometry.height());

    long imageBytes = 3L * geometry.width() * geometry.height();
    assertThat(geometry.bufferRows()).as("a row of cells is the tallest band").isEqualTo(CELL);
    assertThat(written.bufferBytes())
        .isEqualTo(geometry.bufferBytes())
        .isEqualTo(3L * geometry.width() * CELL)
        .isLessThan(imageBytes / SIDE);

    List<PngStructure.Chunk> chunks = PngStructure.chunks(out.toByteArray());
    assertThat(PngStructure.inflatedImageDataLength(chunks))
        .isEqualTo(geometry.height() * (1 + 3L * geometry.width()));
  }
}
