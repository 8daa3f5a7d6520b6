package com.diffusionlab.reports.internal;

import com.diffusionlab.engine.image.PngWriter;
import com.diffusionlab.engine.image.RgbImage;
import com.diffusionlab.reports.Markdown;
import com.diffusionlab.tracking.Run;
import com.diffusionlab.tracking.RunStatus;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How long writing the HTML report of a 500-run sweep takes: 64×64 PNGs (what the bundled model
 * makes) as thumbnails and full-size images, a CFG × sampler × steps sweep grid and all charts.
 * Runs are made as the writer reads them, twice, as the service streams them from the database; the
 * PNGs are made beforehand and served from memory, as a warm artifact store would. Not part of the
 * suite:
 *
 * <pre>./mvnw -o test -Dtest=HtmlReportWriterBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * ({@code -Ddlab.bench.runs=N} for another size, {@code -Ddlab.bench.report=/tmp/report.html} to
 * keep the report). Writes three times, the first with a cold JIT, and prints one line each.
 */
class HtmlReportWriterBenchmark {

  private static final int RUNS = Integer.getInteger("dlab.bench.runs", 500);
  private static final String KEEP = System.getProperty("dlab.bench.report");
  private static final List<Double> CFGS = List.of(3.0, 5.0, 7.0, 9.0, 12.0);
  private static final List<String> SAMPLERS = List.of("euler", "euler_a", "dpmpp_2m", "ddim");
  private static final List<Integer> STEPS = List.of(10, 20, 30);
  private static final String[] PROMPTS = {
    "two red circles at the top",
    "a blue square in the middle",
    "three green triangles",
    "a yellow circle and a purple square",
    "small orange dots on grey"
  };

  @Test
  void writeAReport(@TempDir Path dir) throws IOException {
    Map<String, byte[]> store = pngs();
    Path file = KEEP == null ? dir.resolve("report.html") : Path.of(KEEP);
    System.out.printf(
        Locale.ROOT,
        "%d runs, %d PNGs of %d bytes on average, %s%n",
        RUNS,
        store.size(),
        store.values().stream().mapToInt(png -> png.length).sum() / store.size(),
        Runtime.version());
    for (int attempt = 1; attempt <= 3; attempt++) {
      long start = System.nanoTime();
      try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        HtmlReportWriter.write(input(store), out);
      }
      System.out.printf(
          Locale.ROOT,
          "attempt %d: %.2f s, %.1f MB%n",
          attempt,
          (System.nanoTime() - start) / 1e9,
          Files.size(file) / 1e6);
    }
  }

  private static ReportInput input(Map<String, byte[]> store) {
    return new ReportInput(
        "CFG × sampler × steps on tiny-shapes",
        Markdown.toSafeHtml(
            "How guidance, sampler and step count change **tiny-shapes** images and their cost."
                + "\n\n| seeds | per cell |\n|---|---|\n| 0 to 8 | 1 |"),
        "experiment = 'cfg sweep'",
        "ada",
        Instant.parse("2026-12-07T08:00:00Z"),
        EnvironmentFingerprint.ofThisJvm(
            "0.1.0",
            "0.2.0",
            List.of("cpu"),
            List.of("fp32"),
            List.of(new ModelFingerprint("tiny-shapes", RunBuilder.MODEL_HASH))),
        () -> IntStream.range(0, RUNS).mapToObj(HtmlReportWriterBenchmark::run),
        hash -> Optional.ofNullable(store.get(hash)),
        List.of(grid()),
        ReportProgress.NONE);
  }

  /** Run {@code i}: the sweep's cells in order, repeated with new seeds; every 23rd fails. */
  private static Run run(int i) {
    Random random = new Random(i);
    int steps = STEPS.get(i / (CFGS.size() * SAMPLERS.size()) % STEPS.size());
    double perStep = 0.04 + 0.01 * SAMPLERS.indexOf(sampler(i)) + random.nextDouble() * 0.01;
    RunBuilder run =
        new RunBuilder(i + 1)
            .prompt(PROMPTS[i % PROMPTS.length])
            .cfg(CFGS.get(i % CFGS.size()))
            .sampler(sampler(i))
            .steps(steps)
            .seed(i / (CFGS.size() * SAMPLERS.size() * STEPS.size()))
            .estimate(steps * 0.05 + 0.3)
            .stepSeconds(
                IntStream.range(0, steps)
                    .mapToObj(s -> perStep * (s == 0 ? 1.6 : 1) + random.nextGaussian() * 0.003)
                    .toList())
            .tags(i % 7 == 0 ? new String[] {"keep", "review"} : new String[] {"sweep"});
    return i % 23 == 22 ? run.failed("out of memory while decoding").build() : run.build();
  }

  private static String sampler(int i) {
    return SAMPLERS.get(i / CFGS.size() % SAMPLERS.size());
  }

  /** The first pass over the sweep: CFG across, sampler down, one table per step count. */
  private static SweepGrid grid() {
    List<SweepGrid.Cell> cells = new ArrayList<>();
    int size = CFGS.size() * SAMPLERS.size() * STEPS.size();
    for (int i = 0; i < Math.min(size, RUNS); i++) {
      Run run = run(i);
      cells.add(
          new SweepGrid.Cell(
              i % CFGS.size(),
              i / CFGS.size() % SAMPLERS.size(),
              i / (CFGS.size() * SAMPLERS.size()),
              run.id(),
              run.status(),
              run.status() == RunStatus.SUCCEEDED ? RunBuilder.thumbnail(run.id(), 0) : null));
    }
    return new SweepGrid(
        "CFG × sampler",
        new SweepGrid.Axis(
            "CFG scale", CFGS.stream().map(c -> String.valueOf(c.intValue())).toList()),
        new SweepGrid.Axis("Sampler", SAMPLERS),
        new SweepGrid.Axis("Steps", STEPS.stream().map(String::valueOf).toList()),
        cells);
  }

  private static Map<String, byte[]> pngs() {
    Map<String, byte[]> store = new HashMap<>();
    for (int id = 1; id <= RUNS; id++) {
      byte[] png = shapes(id);
      store.put(RunBuilder.fullSize(id, 0), png);
      store.put(RunBuilder.thumbnail(id, 0), png);
    }
    return store;
  }

  /** Coloured shapes on a soft background with some grain, as tiny-shapes draws them. */
  private static byte[] shapes(long seed) {
    Random random = new Random(seed);
    BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.getHSBColor(random.nextFloat(), 0.15f, 0.9f));
    g.fillRect(0, 0, 64, 64);
    for (int shape = 0; shape < 1 + random.nextInt(3); shape++) {
      g.setColor(Color.getHSBColor(random.nextFloat(), 0.7f, 0.85f));
      int x = random.nextInt(40);
      int y = random.nextInt(40);
      int size = 12 + random.nextInt(16);
      if (random.nextBoolean()) {
        g.fillOval(x, y, size, size);
      } else {
        g.fillRect(x, y, size, size);
      }
    }
    g.dispose();
    int[] pixels = image.getRGB(0, 0, 64, 64, null, 0, 64);
    for (int i = 0; i < pixels.length; i++) {
      int grain = random.nextInt(9) - 4;
      int r = Math.clamp(((pixels[i] >> 16) & 0xff) + grain, 0, 255);
      int gr = Math.clamp(((pixels[i] >> 8) & 0xff) + grain, 0, 255);
      int b = Math.clamp((pixels[i] & 0xff) + grain, 0, 255);
      pixels[i] = r << 16 | gr << 8 | b;
    }
    return new PngWriter().encode(RgbImage.fromPackedRgb(64, 64, pixels), List.of());
  }
}
