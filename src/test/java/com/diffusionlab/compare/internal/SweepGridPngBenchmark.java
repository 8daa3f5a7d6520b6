package com.diffusionlab.compare.internal;

import com.diffusionlab.compare.GridAxis;
import com.diffusionlab.compare.GridCell;
import com.diffusionlab.compare.GridCellSource;
import com.diffusionlab.compare.GridLayout;
import com.diffusionlab.engine.image.ImageFiles;
import com.diffusionlab.engine.image.PngWriter;
import com.diffusionlab.engine.image.RgbImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * How long {@link SweepGridPng} takes, and how much heap it needs, for a 40 × 40 grid of 1024 ×
 * 1024 cells (a 41k × 41k PNG, 5 GB of RGB). Not part of the suite; run one case at a time with a
 * small heap to show the grid does not need the image in memory:
 *
 * <pre>
 * ./mvnw -o test -Dtest='SweepGridPngBenchmark#solidCells' -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dsurefire.jvm.heap=-Xmx160m
 * </pre>
 *
 * and read the line it prints. The PNG goes to a stream that counts and discards its bytes. The
 * heap a run needs is found by lowering {@code -Xmx} until it fails; measuring used heap would
 * count garbage not yet collected. docs/benchmarks/sweep-grid.md has the figures.
 */
class SweepGridPngBenchmark {
  private static final int SIDE = 40;
  private static final int CELL = 1024;

  /**
   * Distinct cell images, cycled along each row: enough that a repeat is further away than
   * deflate's 32 KiB window, which would otherwise find it and compress unrealistically well.
   */
  private static final int VARIANTS = 16;

  private static GridLayout layout() {
    List<String> seeds =
        IntStream.range(0, SIDE).mapToObj(i -> Integer.toString(1000 + i)).toList();
    List<String> scales =
        IntStream.range(0, SIDE)
            .mapToObj(i -> String.format(Locale.ROOT, "%.1f", 3 + i * 0.5))
            .toList();
    return new GridLayout(
        "benchmark",
        new GridAxis("seed", seeds),
        new GridAxis("cfg", scales),
        List.of(),
        CELL,
        CELL,
        8);
  }

  /**
   * Best case: every cell one colour, made when asked for (as a source reading cells from disk
   * holds none), so rows repeat and compress to almost nothing.
   */
  @Test
  void solidCells() throws IOException {
    run(
        "solid cells",
        (grid, row, column) ->
            GridCell.of(SweepGridPngTest.solid(CELL, CELL, 0x402010 * (1 + (row + column) % 3))));
  }

  /**
   * Closer to real use: each cell decoded from a PNG of a gradient with noise of ±8 levels (which
   * compresses about as badly as a photograph), as cells come from the artifact store.
   */
  @Test
  void texturedCellsDecodedFromPng() throws IOException {
    byte[][] pngs =
        IntStream.range(0, VARIANTS)
            .mapToObj(i -> new PngWriter().encode(textured(i), List.of()))
            .toArray(byte[][]::new);
    ImageFiles files = new ImageFiles((long) CELL * CELL);
    run(
        "textured cells decoded from PNG",
        (grid, row, column) ->
            GridCell.of(
                files.readRgb(new ByteArrayInputStream(pngs[(row * 7 + column) % VARIANTS]))));
  }

  private static RgbImage textured(int variant) {
    byte[] rgb = new byte[CELL * CELL * 3];
    long s = variant + 1;
    for (int y = 0; y < CELL; y++) {
      for (int x = 0; x < CELL; x++) {
        int i = (y * CELL + x) * 3;
        for (int c = 0; c < 3; c++) {
          s = (s * 1103515245L + 12345) & 0x7fffffffL;
          int base = ((x + variant * 97) * (c + 1) + y * (3 - c)) / 8;
          rgb[i + c] = (byte) Math.clamp(base % 256 + (s >> 16) % 17 - 8, 0, 255);
        }
      }
    }
    return new RgbImage(CELL, CELL, rgb);
  }

  private static void run(String name, GridCellSource cells) throws IOException {
    CountingStream out = new CountingStream();
    long start = System.nanoTime();

    WrittenGrid written = new SweepGridPng().write(layout(), cells, out);

    double seconds = (System.nanoTime() - start) / 1e9;
    long raw = 3L * written.width() * written.height();
    System.out.printf(
        Locale.ROOT,
        "%s: %d×%d (%.2f GB of RGB) in %.1f s (%.0f MB/s), PNG %.1f MB, with a heap of at most"
            + " %d MB and a drawing buffer of %d MB%n",
        name,
        written.width(),
        written.height(),
        raw / 1e9,
        seconds,
        raw / 1e6 / seconds,
        out.count / 1e6,
        Runtime.getRuntime().maxMemory() >> 20,
        written.bufferBytes() >> 20);
  }

  private static final class CountingStream extends OutputStream {
    private long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }
}
