package com.diffusionlab.reports.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.diffusionlab.reports.Markdown;
import com.diffusionlab.tracking.Run;
import com.diffusionlab.tracking.RunStatus;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class HtmlReportWriterTest {

  private static final String SCRIPT_PROMPT = "<script>alert(1)</script> two squares";
  private static final String UNICODE_PROMPT = "猫と犬 🐱 — café, naïve";
  private static final String HOSTILE_TAG = "\"onmouseover=alert(1) x='";
  private static final String HOSTILE_NOTES = "<b onclick=\"steal()\">mine</b> & yours";
  private static final String ERROR = "out of memory <while> loading the UNet";

  private static final List<Run> RUNS =
      List.of(
          new RunBuilder(1).prompt("a red circle").cfg(7).seed(100).tags("keep").build(),
          new RunBuilder(2)
              .prompt(SCRIPT_PROMPT)
              .cfg(9)
              .sampler("euler_a")
              .seed(200)
              .batch(2)
              .tags(HOSTILE_TAG, "best")
              .notes(HOSTILE_NOTES)
              .build(),
          new RunBuilder(3).prompt(UNICODE_PROMPT).cfg(7).seed(300).tags().build(),
          new RunBuilder(4).prompt("a red circle").cfg(12).seed(400).failed(ERROR).build());

  private static final SweepGrid GRID =
      new SweepGrid(
          "CFG <by> sampler",
          new SweepGrid.Axis("CFG scale", List.of("7", "9", "12")),
          new SweepGrid.Axis("Sampler", List.of("euler", "euler_a")),
          null,
          List.of(
              new SweepGrid.Cell(0, 0, 0, 1, RunStatus.SUCCEEDED, RunBuilder.thumbnail(1, 0)),
              new SweepGrid.Cell(2, 0, 0, 4, RunStatus.FAILED, null),
              new SweepGrid.Cell(1, 1, 0, 2, RunStatus.SUCCEEDED, RunBuilder.thumbnail(2, 0)),
              new SweepGrid.Cell(0, 1, 0, 3, RunStatus.SUCCEEDED, RunBuilder.thumbnail(3, 0)),
              new SweepGrid.Cell(2, 1, 0, 5, RunStatus.RUNNING, null)));

  private static String html;
  private static ReportDocument document;
  private static final List<long[]> PROGRESS = new ArrayList<>();

  @BeforeAll
  static void writeReport() throws IOException {
    StringWriter out = new StringWriter();
    HtmlReportWriter.write(
        input(
            RUNS::stream,
            "Baseline <sweep> & co",
            List.of(GRID),
            (written, total) -> PROGRESS.add(new long[] {written, total})),
        out);
    html = out.toString();
    document = ReportDocument.parse(html);
  }

  static ReportInput input(
      Supplier<Stream<Run>> runs, String title, List<SweepGrid> grids, ReportProgress progress) {
    return new ReportInput(
        title,
        Markdown.toSafeHtml("Checks **cfg** against <img src=x onerror=alert(1)> samplers."),
        "experiment = 'baseline' and cfg > 5",
        "ada <admin>",
        Instant.parse("2026-12-07T08:00:00Z"),
        EnvironmentFingerprint.ofThisJvm(
            "0.1.0",
            "0.2.0",
            List.of("cpu"),
            List.of("fp32"),
            List.of(new ModelFingerprint("tiny-shapes", RunBuilder.MODEL_HASH))),
        runs,
        images(),
        grids,
        progress);
  }

  /** A PNG for every run's images; none for run 3's full-size image. */
  static Function<String, Optional<byte[]>> images() {
    return hash ->
        hash.equals(RunBuilder.fullSize(3, 0))
            ? Optional.empty()
            : Optional.of(TestPngs.png(8, 8, hash.hashCode()));
  }

  @Test
  void userTextIsEscapedAndReadsBackAsTheSameText() {
    assertThat(html)
        .doesNotContain("<script>alert(1)")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
        .doesNotContain("\"onmouseover=")
        .doesNotContain("<b onclick")
        .doesNotContain("<img src=x")
        .doesNotContain("<sweep>")
        .doesNotContain("<admin>")
        .doesNotContain("<while>");
    assertThat(document.strings("//tr[@id='run-2']/td[contains(@class,'text')]"))
        .containsExactly(SCRIPT_PROMPT);
    assertThat(document.strings("//tr[@id='run-3']/td[contains(@class,'text')]"))
        .containsExactly(UNICODE_PROMPT);
    assertThat(document.strings("//tr[@id='run-2']//span[@class='tag']"))
        .containsExactlyInAnyOrder(HOSTILE_TAG, "best");
    assertThat(document.strings("//tr[@id='run-2']//div[@class='note']"))
        .containsExactly(HOSTILE_NOTES);
    assertThat(document.strings("//tr[@id='run-4']//div[@class='error']")).containsExactly(ERROR);
    assertThat(document.strings("//h1")).containsExactly("Baseline <sweep> & co");
    assertThat(document.strings("//table[@class='grid']/../../h3"))
        .containsExactly("CFG <by> sampler");
  }

  @Test
  void theOnlyScriptIsTheReportsOwnAndNoElementHasAnEventHandler() {
    assertThat(document.count("//script")).isEqualTo(1);
    assertThat(document.count("//@*[starts-with(name(), 'on')]")).isZero();
    assertThat(document.strings("//div[@class='description']//strong")).containsExactly("cfg");
  }

  @Test
  void everythingIsEmbeddedAndNothingIsLoadedFromTheNetwork() {
    assertThat(document.strings("//img/@src")).isNotEmpty().allMatch(this::isDataPng);
    assertThat(html).doesNotContainPattern("(?i)https?:").doesNotContain("url(");
    assertThat(document.strings("//meta[@http-equiv='Content-Security-Policy']/@content"))
        .singleElement()
        .asString()
        .startsWith("default-src 'none'; img-src data:;");
  }

  @Test
  void thumbnailsShowAtOnceAndFullSizeImagesWaitInTemplates() {
    // Runs 1 and 3 have one image each, run 2 a batch of two; run 4 failed without any.
    assertThat(document.count("//table[@class='runs']//img[@class='thumb']")).isEqualTo(4);
    assertThat(document.count("//table[@class='runs']//template/img[@class='full']"))
        .as("run 3's full-size image is missing, so its thumbnail does not zoom")
        .isEqualTo(3);
    assertThat(document.count("//table[@class='runs']//template//img[@class='thumb']")).isZero();
    assertThat(document.strings("//tr[@id='run-4']//span[@class='noimage']")).hasSize(1);
    assertThat(document.strings("//tr[@id='run-2']/td[last()-1]")).containsExactly("200, 201");
  }

  @Test
  void theSettingsThatVaryAreTheHighlightedColumnsAndTheOthersAreListedOnce() {
    assertThat(document.strings("//table[@class='runs']/thead//th[@class='varies']/@data-setting"))
        .containsExactly("prompt", "cfg", "sampler", "batch");
    assertThat(
            document.strings(
                "//table[@class='runs']/thead//th[@class='varies'][not(@data-setting)]"))
        .containsExactly("Seeds");
    assertThat(document.strings("//table[contains(@class,'constants')]//tr/@data-setting"))
        .containsExactly(
            "model",
            "negativePrompt",
            "steps",
            "schedule",
            "eta",
            "width",
            "height",
            "rng",
            "clipSkip");
    assertThat(document.strings("//table[contains(@class,'constants')]//td"))
        .contains("blurry, low quality", "tiny-shapes · " + RunBuilder.MODEL_HASH);
    assertThat(document.strings("//table[@class='runs']//td"))
        .doesNotContain("blurry, low quality");
    for (Element row : document.elements("//table[@class='runs']/tbody/tr")) {
      assertThat(
              document.count(
                  "//tr[@id='"
                      + row.getAttribute("id")
                      + "']/td[@class='varies' or @class='varies text']"))
          .isEqualTo(5);
    }
  }

  @Test
  void fourRunsAreAlsoShownSideBySideWithTheDifferingRowsHighlighted() {
    assertThat(document.strings("//table[@class='side']/thead//th"))
        .containsExactly("", "Run 1", "Run 2", "Run 3", "Run 4");
    assertThat(document.strings("//table[@class='side']//tr[@class='differs']/@data-row"))
        .contains("prompt", "seed", "cfg", "sampler", "batch", "status")
        .doesNotContain("steps", "negativePrompt", "model");
  }

  @Test
  void theSweepGridHasACellPerPositionWithPlaceholdersWhereThereIsNoImage() {
    assertThat(document.strings("//table[@class='grid']/thead//th"))
        .containsExactly("Sampler ↓ CFG scale →", "7", "9", "12");
    assertThat(document.strings("//table[@class='grid']/tbody/tr/th"))
        .containsExactly("euler", "euler_a");
    assertThat(document.count("//table[@class='grid']//td")).isEqualTo(6);
    assertThat(document.count("//table[@class='grid']//td//img[@class='thumb']")).isEqualTo(3);
    assertThat(document.strings("//table[@class='grid']//td//div[@class='placeholder']"))
        .containsExactly("no run", "failed", "running");
    assertThat(document.strings("//table[@class='grid']//td/@data-run"))
        .containsExactly("1", "4", "3", "2", "5");
  }

  @Test
  void theChartsHaveAPointOrALinePerRunThatHasTheData() {
    // Run 4 failed before any timing, so three runs are drawn.
    assertThat(document.count("//figure[@id='chart-step-time']//*[@class='point']")).isEqualTo(3);
    assertThat(document.count("//figure[@id='chart-estimates']//*[@class='point']")).isEqualTo(3);
    assertThat(document.count("//figure[@id='chart-parallel']//*[@class='series']")).isEqualTo(3);
    assertThat(document.count("//figure[@id='chart-steps']//*[@class='series']")).isEqualTo(3);
    assertThat(document.strings("//figure[@id='chart-parallel']//*[local-name()='text']"))
        .contains("CFG scale", "Batch", "Seed", "Total seconds", "euler", "euler_a")
        .doesNotContain("Steps");
  }

  @Test
  void theHeaderCountsRunsByStatusAndAddsUpDeviceSecondsAndCost() {
    assertThat(document.strings("//dl[@class='summary']//span[contains(@class,'status')]"))
        .containsExactly("3 succeeded", "1 failed");
    // Three measured runs of 20 steps at 0.05 s: 1 device-second each.
    assertThat(document.strings("//dl[@class='summary']//dd[@class='figure']"))
        .containsExactly("4", "3.00", "0.0030");
  }

  @Test
  void progressGoesFromNoneToAllRuns() {
    assertThat(PROGRESS.getFirst()).containsExactly(0, 4);
    assertThat(PROGRESS.getLast()).containsExactly(4, 4);
    assertThat(PROGRESS).hasSize(5);
  }

  @Test
  void aReportWithoutRunsStillHasEverySection() throws IOException {
    StringWriter out = new StringWriter();
    HtmlReportWriter.write(input(Stream::of, "Empty", List.of(), ReportProgress.NONE), out);

    ReportDocument empty = ReportDocument.parse(out.toString());
    assertThat(empty.count("//table[@class='runs']/tbody/tr")).isZero();
    assertThat(empty.count("//section")).isEqualTo(3);
    assertThat(empty.count("//figure[@class='chart']/p[@class='empty']")).isEqualTo(4);
  }

  @Test
  void fiveHundredRunsAreReadLazilyAndWrittenAsTheyArrive() throws IOException {
    int runs = 500;
    AtomicInteger passes = new AtomicInteger();
    AtomicInteger madeThisPass = new AtomicInteger();
    Supplier<Stream<Run>> supplier =
        () -> {
          passes.incrementAndGet();
          madeThisPass.set(0);
          return IntStream.range(0, runs)
              .mapToObj(
                  i -> {
                    madeThisPass.incrementAndGet();
                    return new RunBuilder(i).cfg(1 + i % 12).seed(i).build();
                  });
        };
    CountingWriter out = new CountingWriter();
    List<Long> charsAtRow = new ArrayList<>();
    List<Integer> madeAtRow = new ArrayList<>();
    ReportProgress progress =
        (written, total) -> {
          charsAtRow.add(out.chars);
          madeAtRow.add(madeThisPass.get());
        };

    HtmlReportWriter.write(input(supplier, "Five hundred", List.of(), progress), out);

    assertThat(passes).hasValue(2);
    for (int written = 0; written <= runs; written++) {
      assertThat(madeAtRow.get(written))
          .as("runs made when %d rows were written", written)
          .isLessThanOrEqualTo(written + 1);
    }
    assertThat(charsAtRow).isSorted();
    assertThat(charsAtRow.get(runs / 2)).isPositive().isLessThan(charsAtRow.get(runs));
    assertThat(charsAtRow.get(runs)).isLessThan(out.chars);
    ReportDocument report = ReportDocument.parse(out.text.toString());
    assertThat(report.count("//table[@class='runs']/tbody/tr")).isEqualTo(runs);
    assertThat(report.count("//figure[@id='chart-step-time']//*[@class='point']")).isEqualTo(runs);
    assertThat(report.count("//figure[@id='chart-parallel']//*[@class='series']")).isEqualTo(runs);
    assertThat(report.count("//figure[@id='chart-steps']//*[@class='series']"))
        .as("too many runs for a line each: one median line inside its band")
        .isEqualTo(1);
    assertThat(report.count("//figure[@id='chart-steps']//*[@class='band']")).isEqualTo(1);
    assertThat(report.count("//table[@class='side']")).isZero();
  }

  @Test
  void aThreeAxisSweepHasATablePerZValue() throws IOException {
    SweepGrid grid =
        new SweepGrid(
            "Steps × CFG × sampler",
            new SweepGrid.Axis("CFG scale", List.of("7", "9")),
            new SweepGrid.Axis("Sampler", List.of("euler")),
            new SweepGrid.Axis("Steps", List.of("10", "20", "30")),
            List.of(
                new SweepGrid.Cell(1, 0, 2, 1, RunStatus.SUCCEEDED, RunBuilder.thumbnail(1, 0))));
    StringWriter out = new StringWriter();
    HtmlReportWriter.write(input(RUNS::stream, "Sweep", List.of(grid), ReportProgress.NONE), out);

    ReportDocument report = ReportDocument.parse(out.toString());

    assertThat(report.strings("//div[@class='sweep']/h4"))
        .containsExactly("Steps: 10", "Steps: 20", "Steps: 30");
    assertThat(report.count("//table[@class='grid']//td")).isEqualTo(6);
    assertThat(report.strings("(//table[@class='grid'])[3]//td/@data-run")).containsExactly("1");
  }

  @Test
  void aCellOutsideTheGridIsRefused() {
    SweepGrid.Axis two = new SweepGrid.Axis("CFG scale", List.of("7", "9"));
    SweepGrid.Cell third = new SweepGrid.Cell(2, 0, 0, 1, RunStatus.SUCCEEDED, null);

    assertThatThrownBy(() -> new SweepGrid("g", two, two, null, List.of(third)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("(2, 0, 0) is outside the grid");
  }

  @Test
  void progressEndsFullWhenRunsVanishBetweenThePasses() throws IOException {
    AtomicInteger passes = new AtomicInteger();
    List<long[]> progress = new ArrayList<>();
    Supplier<Stream<Run>> shrinking =
        () -> RUNS.stream().limit(passes.incrementAndGet() == 1 ? 4 : 3);

    HtmlReportWriter.write(
        input(shrinking, "Shrinking", List.of(), (w, t) -> progress.add(new long[] {w, t})),
        new StringWriter());

    assertThat(progress.getFirst()).containsExactly(0, 4);
    assertThat(progress.getLast()).containsExactly(3, 3);
  }

  private boolean isDataPng(String src) {
    return src.startsWith("data:image/png;base64,") && src.length() > 40;
  }

  /** Counts what reaches it, and keeps it for parsing. */
  private static final class CountingWriter extends Writer {
    private final StringBuilder text = new StringBuilder();
    private long chars;

    @Override
    public void write(char[] buffer, int offset, int length) {
      text.append(buffer, offset, length);
      chars += length;
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
