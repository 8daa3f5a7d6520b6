package com.diffusionlab.reports.internal;

import com.sun.management.ThreadMXBean;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.IntStream;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How long writing 100,000 export rows (batch 1, 20 step timings each, prompts of a few hundred
 * characters) to a file takes as Arrow and as CSV, and how much heap it needs. Not part of the
 * suite; run it with a heap cap, which is the real memory check:
 *
 * <pre>./mvnw -o test -Dtest=ExportWritersBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *   -Dsurefire.jvm.heap=-Xmx300m</pre>
 *
 * ({@code -Ddlab.bench.rows=N} for another size). Rows are made as they are written, never held;
 * each format runs three times, the first with a cold JIT, and so does making the rows alone.
 * Prints one line per run.
 */
class ExportWritersBenchmark {

  private static final int ROWS = Integer.getInteger("dlab.bench.rows", 100_000);
  private static final int RUNS = 3;
  private static final String[] WORDS = {
    "masterpiece",
    "best quality",
    "lighthouse",
    "on a cliff",
    "at dusk",
    "oil painting",
    "dramatic lighting",
    "volumetric fog",
    "highly detailed",
    "8k",
    "portrait of an old sailor",
    "wearing a yellow raincoat",
    "cinematic",
    "by the sea",
    "golden hour",
    "sharp focus",
    "intricate",
    "concept art",
    "trending on artstation",
    "soft shadows",
    "wide angle",
    "bokeh"
  };
  private static final String[] MODELS = {"sd15", "sd15-tiny", "sd21-base", "dreamshaper-8"};
  private static final String[] SAMPLERS = {"euler", "euler_a", "dpmpp_2m", "ddim", "pndm"};

  private interface RowWriter extends AutoCloseable {
    void write(ExportRow row) throws IOException;

    @Override
    void close() throws IOException;
  }

  private interface Opener {
    RowWriter open(Path file) throws IOException;
  }

  @Test
  void writeRowsAsArrowAndAsCsv(@TempDir Path dir) throws IOException {
    ExportVocabulary vocabulary =
        ExportVocabulary.scan(IntStream.range(0, 500).mapToObj(i -> row(i)));
    System.out.printf(
        Locale.ROOT,
        "%d rows, max heap %d MB, %s%n",
        ROWS,
        Runtime.getRuntime().maxMemory() >> 20,
        Runtime.version());
    for (int run = 1; run <= RUNS; run++) {
      long[] arrowPeak = {0};
      measure(
          "arrow",
          run,
          dir.resolve("export.arrow"),
          file -> arrow(file, vocabulary, arrowPeak),
          () -> arrowPeak[0]);
      measure("csv", run, dir.resolve("export.csv"), ExportWritersBenchmark::csv, () -> 0);
      measure("rows only", run, dir.resolve("none"), ExportWritersBenchmark::discard, () -> 0);
    }
  }

  private static RowWriter arrow(Path file, ExportVocabulary vocabulary, long[] directPeak)
      throws IOException {
    RootAllocator allocator = new RootAllocator();
    ArrowExportWriter writer =
        ArrowExportWriter.open(
            FileChannel.open(
                file,
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING),
            new ExportMetadata("0.1.0", Instant.now(), "benchmark"),
            vocabulary,
            ArrowExportWriter.DEFAULT_BATCH_ROWS,
            allocator);
    return new RowWriter() {
      @Override
      public void write(ExportRow row) throws IOException {
        writer.write(row);
      }

      @Override
      public void close() throws IOException {
        writer.close();
        directPeak[0] = allocator.getPeakMemoryAllocation();
      }
    };
  }

  private static RowWriter csv(Path file) throws IOException {
    OutputStream out = Files.newOutputStream(file);
    CsvExportWriter writer = CsvExportWriter.open(out);
    return new RowWriter() {
      @Override
      public void write(ExportRow row) throws IOException {
        writer.write(row);
      }

      @Override
      public void close() throws IOException {
        writer.close();
      }
    };
  }

  /** Makes the rows and drops them: what the times above include besides writing. */
  private static RowWriter discard(Path file) throws IOException {
    Files.writeString(file, "");
    return new RowWriter() {
      @Override
      public void write(ExportRow row) {}

      @Override
      public void close() {}
    };
  }

  private static void measure(
      String format, int run, Path file, Opener opener, java.util.function.LongSupplier directPeak)
      throws IOException {
    List<MemoryPoolMXBean> heap =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP)
            .toList();
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    System.gc();
    heap.forEach(MemoryPoolMXBean::resetPeakUsage);
    long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
    long start = System.nanoTime();
    try (RowWriter writer = opener.open(file)) {
      for (int i = 0; i < ROWS; i++) {
        writer.write(row(i));
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
    long peakHeap = heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
    long oldAfterGc =
        heap.stream()
            .filter(pool -> pool.getCollectionUsage() != null && pool.getName().contains("Old"))
            .mapToLong(pool -> pool.getCollectionUsage().getUsed())
            .sum();
    System.out.printf(
        Locale.ROOT,
        "%-9s run %d: %.2f s, file %d MB, heap peak %d MB (old gen after last GC %d MB),"
            + " allocated %d MB, Arrow direct peak %d MB%n",
        format,
        run,
        seconds,
        Files.size(file) >> 20,
        peakHeap >> 20,
        oldAfterGc >> 20,
        allocated >> 20,
        directPeak.getAsLong() >> 20);
  }

  /**
   * Run {@code i}'s one image, its text and timings varied by a generator seeded with {@code i}.
   */
  private static ExportRow row(int i) {
    Random random = new Random(i);
    return new ExportRowBuilder()
        .runId(i)
        .seed(random.nextLong())
        .output(0)
        .experiments("baseline", "sweep " + (i % 7))
        .prompt(words(random, 25 + random.nextInt(30)))
        .negativePrompt(words(random, 8 + random.nextInt(10)))
        .model(MODELS[i % MODELS.length])
        .sampler(SAMPLERS[i % SAMPLERS.length])
        .cfg(1 + random.nextInt(150) / 10.0)
        .stepSeconds(random.doubles(20, 0.40, 0.60).boxed().toList())
        .tags("bench", "run-" + (i % 100))
        .build();
  }

  private static String words(Random random, int count) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < count; i++) {
      text.append(i == 0 ? "" : ", ").append(WORDS[random.nextInt(WORDS.length)]);
    }
    return text.toString();
  }
}
