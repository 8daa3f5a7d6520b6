package com.diffusionlab.reports.internal;

import static com.diffusionlab.reports.internal.Html.escape;

import com.diffusionlab.compare.RunTable;
import com.diffusionlab.compare.SettingRow;
import com.diffusionlab.tracking.Run;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * A few runs side by side, as the compare view shows them: one column per run, one row per setting
 * and per figure ({@link RunTable}), rows whose values differ highlighted.
 */
final class SideBySideTable {

  private static final String NOT_SET = "–";

  private SideBySideTable() {}

  static void write(Writer out, List<Run> runs, EmbeddedImages images) throws IOException {
    out.write("<h3>Side by side</h3>\n");
    out.write("<p class=\"hint\">Highlighted rows differ between the runs.</p>\n");
    out.write("<div class=\"scroll\"><table class=\"side\"><thead><tr><th scope=\"col\"></th>");
    for (Run run : runs) {
      out.write(
          "<th scope=\"col\"><a href=\"#run-" + run.id() + "\">Run " + run.id() + "</a></th>");
    }
    out.write("</tr></thead>\n<tbody>\n<tr><th scope=\"row\">Images</th>");
    for (Run run : runs) {
      out.write("<td>");
      images.writeOutputs(out, run);
      out.write("</td>");
    }
    out.write("</tr>\n");
    group(out, "Settings", runs.size());
    rows(out, RunTable.settings(runs));
    group(out, "Figures", runs.size());
    rows(out, RunTable.figures(runs));
    out.write("</tbody></table></div>\n");
  }

  private static void group(Writer out, String title, int runs) throws IOException {
    out.write(
        "<tr class=\"group\"><th scope=\"rowgroup\" colspan=\""
            + (runs + 1)
            + "\">"
            + title
            + "</th></tr>\n");
  }

  /** The rows that have a value for some run; a row set for none says nothing. */
  private static void rows(Writer out, List<SettingRow> rows) throws IOException {
    for (SettingRow row : rows) {
      if (row.values().stream().allMatch(NOT_SET::equals)) {
        continue;
      }
      out.write(row.differs() ? "<tr class=\"differs\"" : "<tr");
      out.write(" data-row=\"" + escape(row.name()) + "\"><th scope=\"row\">");
      out.write(escape(row.label()) + "</th>");
      for (String value : row.values()) {
        out.write("<td>" + escape(value) + "</td>");
      }
      out.write("</tr>\n");
    }
  }
}
