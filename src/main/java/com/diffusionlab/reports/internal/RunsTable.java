package com.diffusionlab.reports.internal;

import static com.diffusionlab.reports.internal.Html.escape;

import com.diffusionlab.compare.SettingRow;
import com.diffusionlab.tracking.GenerationFields;
import com.diffusionlab.tracking.GenerationSettings;
import com.diffusionlab.tracking.Run;
import com.diffusionlab.tracking.RunOutput;
import com.diffusionlab.tracking.RunTimings;
import com.diffusionlab.tracking.SettingField;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * The runs table, one row per run, written row by row: id, status, images, the settings that vary
 * across the runs (highlighted columns), times and cost, seeds, tags and notes. The settings that
 * do not vary are listed once above it ({@link #writeConstants}).
 */
final class RunsTable {

  private static final int SHORT_HASH = 10;

  private final List<SettingRow> columns;
  private final boolean seedVaries;
  private final Set<String> textColumns;
  private final EmbeddedImages images;

  /**
   * @param spread which settings vary; the seed is left to the seeds column, which shows each
   *     image's seed
   */
  RunsTable(SettingsSpread spread, EmbeddedImages images) {
    this.columns =
        spread.varying().stream().filter(row -> !row.name().equals(GenerationFields.SEED)).toList();
    this.seedVaries = spread.varies(GenerationFields.SEED);
    this.textColumns =
        columns.stream()
            .map(SettingRow::name)
            .filter(
                name ->
                    GenerationFields.find(name)
                        .filter(field -> field.kind() == SettingField.Kind.TEXT)
                        .isPresent())
            .collect(Collectors.toSet());
    this.images = images;
  }

  /** The settings that are the same for every run, each once. */
  static void writeConstants(Writer out, List<SettingRow> constants) throws IOException {
    out.write("<h3>Same for every run</h3>\n");
    if (constants.isEmpty()) {
      out.write("<p class=\"hint\">No setting is the same for every run.</p>\n");
      return;
    }
    out.write("<table class=\"kv constants\"><tbody>\n");
    for (SettingRow row : constants) {
      out.write(
          "<tr data-setting=\""
              + escape(row.name())
              + "\"><th scope=\"row\">"
              + escape(row.label())
              + "</th><td class=\"value\">"
              + escape(row.values().getFirst())
              + "</td></tr>\n");
    }
    out.write("</tbody></table>\n");
  }

  void writeStart(Writer out) throws IOException {
    out.write("<h3>Runs</h3>\n<p class=\"hint\">");
    out.write(
        columns.isEmpty()
            ? "No setting besides the seed differs between the runs."
            : "Highlighted columns are the settings that differ between the runs.");
    out.write(" Click an image to see it at full size.</p>\n");
    out.write("<div class=\"scroll\"><table class=\"runs\"><thead><tr>");
    out.write("<th scope=\"col\" class=\"num\">Run</th><th scope=\"col\">Status</th>");
    out.write("<th scope=\"col\">Images</th>");
    for (SettingRow column : columns) {
      out.write(
          "<th scope=\"col\" class=\"varies\" data-setting=\""
              + escape(column.name())
              + "\">"
              + escape(column.label())
              + "</th>");
    }
    out.write("<th scope=\"col\" class=\"num\">Total</th>");
    out.write("<th scope=\"col\" class=\"num\">Device-s</th>");
    out.write("<th scope=\"col\" class=\"num\">Cost</th>");
    out.write("<th scope=\"col\"" + (seedVaries ? " class=\"varies\"" : "") + ">Seeds</th>");
    out.write("<th scope=\"col\">Tags and notes</th></tr></thead>\n<tbody>\n");
  }

  void writeRow(Writer out, Run run) throws IOException {
    out.write("<tr id=\"run-" + run.id() + "\"><td class=\"num\">" + run.id() + "</td><td>");
    out.write(ReportFormat.statusBadge(run.status(), ReportFormat.status(run.status())));
    if (run.error() != null && !run.error().isBlank()) {
      out.write("<div class=\"error\">" + escape(run.error()) + "</div>");
    }
    out.write("</td><td>");
    images.writeOutputs(out, run);
    out.write("</td>");
    Map<String, String> values =
        SettingsSpread.valuesOf(run).stream()
            .collect(Collectors.toMap(SettingRow::name, row -> row.values().getFirst()));
    for (SettingRow column : columns) {
      out.write(
          textColumns.contains(column.name())
              ? "<td class=\"varies text\">"
              : "<td class=\"varies\">");
      out.write(cell(run, column.name(), values.get(column.name())));
      out.write("</td>");
    }
    RunTimings timings = run.timings();
    number(out, ReportFormat.seconds(timings == null ? null : timings.total()));
    number(out, ReportFormat.deviceSeconds(run.deviceSeconds()));
    number(out, ReportFormat.cost(run.cost()));
    out.write(seedVaries ? "<td class=\"varies\">" : "<td>");
    out.write(escape(seeds(run)));
    out.write("</td><td>");
    for (String tag : run.tags().stream().sorted().toList()) {
      out.write("<span class=\"tag\">" + escape(tag) + "</span> ");
    }
    if (run.notes() != null && !run.notes().isBlank()) {
      out.write("<div class=\"note\">" + escape(run.notes()) + "</div>");
    }
    out.write("</td></tr>\n");
  }

  void writeEnd(Writer out) throws IOException {
    out.write("</tbody></table></div>\n");
  }

  /** The value as escaped HTML; the model by name and short hash, the full hash on hover. */
  private static String cell(Run run, String name, String value) {
    GenerationSettings settings = run.settings();
    if (name.equals(GenerationFields.MODEL) && settings.model() != null) {
      String hash = settings.model();
      String shortHash = hash.length() > SHORT_HASH ? hash.substring(0, SHORT_HASH) : hash;
      return "<span title=\""
          + escape(hash)
          + "\">"
          + escape(settings.modelName() + " · " + shortHash)
          + "</span>";
    }
    return escape(value);
  }

  /** Each image's seed; for a run without images, the seeds its batch was to use. */
  private static String seeds(Run run) {
    Function<LongStream, String> joined =
        seeds -> seeds.mapToObj(Long::toString).collect(Collectors.joining(", "));
    if (!run.outputs().isEmpty()) {
      return joined.apply(run.outputs().stream().mapToLong(RunOutput::seed));
    }
    Long seed = run.settings().seed();
    if (seed == null) {
      return "–";
    }
    int batch = run.settings().batch() == null ? 1 : run.settings().batch();
    return joined.apply(LongStream.range(seed, seed + batch));
  }

  private static void number(Writer out, String text) throws IOException {
    out.write("<td class=\"num\">" + escape(text) + "</td>");
  }
}
