package com.diffusionlab.reports.internal;

import static com.diffusionlab.reports.internal.Html.escape;

import com.diffusionlab.tracking.Run;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes the report of a set of runs as one self-contained HTML file: styles, script, charts (SVG)
 * and images ({@code data:} URLs) all inside, nothing loaded from anywhere, so that it opens
 * offline in any browser and can be mailed or archived as is. A Content-Security-Policy forbids
 * every network load in case some text slipped through as markup.
 *
 * <p>The report is written as it is made: the runs are read twice from {@link ReportInput#runs},
 * first for the totals, the columns and the chart data ({@link ReportOverview}), then row by row
 * into the table; no list of all runs is ever held. Sections, in order: header, environment,
 * settings (the constant ones once, the runs table, the side-by-side view for 2 to 8 runs), sweep
 * grids, charts.
 *
 * <p>All text from users (titles, prompts, tags, notes, errors, labels) goes through {@link
 * Html#escape}; only the description is taken as HTML, already made safe by {@link
 * com.diffusionlab.reports.Markdown}. The output is also well-formed XML.
 */
public final class HtmlReportWriter {

  private static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'";
  private static final int BUFFER_CHARS = 1 << 16;

  private HtmlReportWriter() {}

  /** Writes the report as UTF-8; flushes {@code out} at the end but leaves it open. */
  public static void write(ReportInput input, OutputStream out) throws IOException {
    write(input, new OutputStreamWriter(out, StandardCharsets.UTF_8));
  }

  /**
   * Writes the report; flushes {@code out} at the end but leaves it open. The page declares UTF-8,
   * so {@code out} should encode as UTF-8.
   */
  public static void write(ReportInput input, Writer out) throws IOException {
    ReportOverview overview;
    try (Stream<Run> runs = input.runs().get()) {
      overview = ReportOverview.of(runs);
    }
    Writer buffered = out instanceof BufferedWriter ? out : new BufferedWriter(out, BUFFER_CHARS);
    EmbeddedImages images = new EmbeddedImages(input.images());
    writeHead(buffered, input);
    ReportHeader.write(buffered, input, overview);
    writeContents(buffered, input);
    EnvironmentTable.write(buffered, input.environment());
    buffered.write("<section id=\"settings\">\n<h2>Settings</h2>\n");
    RunsTable.writeConstants(buffered, overview.settings().constant());
    writeRuns(buffered, input, overview, images);
    List<Run> sideBySide = overview.sideBySide();
    if (!sideBySide.isEmpty()) {
      SideBySideTable.write(buffered, sideBySide, images);
    }
    buffered.write("</section>\n");
    if (!input.sweepGrids().isEmpty()) {
      SweepGridTables.write(buffered, input.sweepGrids(), images);
    }
    ReportCharts.write(buffered, overview.measures());
    writeEnd(buffered, input);
    buffered.flush();
  }

  private static void writeRuns(
      Writer out, ReportInput input, ReportOverview overview, EmbeddedImages images)
      throws IOException {
    RunsTable table = new RunsTable(overview.settings(), images);
    table.writeStart(out);
    long total = overview.count();
    long written = 0;
    try (Stream<Run> runs = input.runs().get()) {
      input.progress().runsWritten(0, total);
      Iterator<Run> iterator = runs.iterator();
      while (iterator.hasNext()) {
        table.writeRow(out, iterator.next());
        written++;
        // Runs added since the first pass are written too; the total grows to match.
        input.progress().runsWritten(written, Math.max(total, written));
      }
    }
    if (written < total) {
      // Runs removed since the first pass: the bar should still end full.
      input.progress().runsWritten(written, written);
    }
    table.writeEnd(out);
  }

  private static void writeHead(Writer out, ReportInput input) throws IOException {
    out.write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n");
    out.write(
        "<meta http-equiv=\"Content-Security-Policy\" content=\""
            + CONTENT_SECURITY_POLICY
            + "\"/>\n");
    out.write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n");
    out.write(
        "<meta name=\"generator\" content=\"Diffusion Lab "
            + escape(input.environment().labVersion())
            + "\"/>\n");
    out.write("<title>" + escape(input.title()) + " · Diffusion Lab report</title>\n");
    out.write("<style>\n" + ReportAssets.STYLE + "</style>\n</head>\n<body>\n");
  }

  private static void writeContents(Writer out, ReportInput input) throws IOException {
    out.write("<nav class=\"toc\"><a href=\"#environment\">Environment</a>");
    out.write("<a href=\"#settings\">Settings and runs</a>");
    if (!input.sweepGrids().isEmpty()) {
      out.write("<a href=\"#sweeps\">Sweep grids</a>");
    }
    out.write("<a href=\"#charts\">Charts</a></nav>\n");
  }

  private static void writeEnd(Writer out, ReportInput input) throws IOException {
    out.write(
        "<footer>Written by Diffusion Lab "
            + escape(input.environment().labVersion())
            + " on "
            + escape(ReportFormat.time(input.exportedAt()))
            + ". This file is self-contained: it loads nothing from the network.</footer>\n");
    out.write(
        "<dialog id=\"lightbox\" aria-label=\"Full-size image\"><div class=\"full-frame\"></div>"
            + "<p class=\"full-caption\"></p></dialog>\n");
    out.write("<script>\n" + ReportAssets.SCRIPT + "</script>\n</body>\n</html>\n");
  }
}
