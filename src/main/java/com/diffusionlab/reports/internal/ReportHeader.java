package com.diffusionlab.reports.internal;

import static com.diffusionlab.reports.internal.Html.escape;

import com.diffusionlab.tracking.RunStatus;
import java.io.IOException;
import java.io.Writer;
import java.util.Map;

/**
 * The top of the report: title, description, what was selected, who exported it and when, and the
 * totals: runs by status, device-seconds and cost.
 */
final class ReportHeader {

  private ReportHeader() {}

  static void write(Writer out, ReportInput input, ReportOverview overview) throws IOException {
    out.write("<header class=\"report-header\">\n<p class=\"kicker\">Diffusion Lab report</p>\n");
    out.write("<h1>" + escape(input.title()) + "</h1>\n");
    if (!input.descriptionHtml().isBlank()) {
      // Already safe: rendered by Markdown.toSafeHtml (see ReportInput).
      out.write("<div class=\"description\">" + input.descriptionHtml() + "</div>\n");
    }
    out.write("<dl class=\"facts\">\n");
    if (!input.selection().isBlank()) {
      fact(out, "Selection", "<span class=\"query\">" + escape(input.selection()) + "</span>");
    }
    String by = input.exportedBy().isBlank() ? "" : " by " + escape(input.exportedBy());
    fact(out, "Exported", escape(ReportFormat.time(input.exportedAt())) + by);
    if (overview.earliest() != null) {
      fact(
          out,
          "Runs from",
          escape(ReportFormat.time(overview.earliest()))
              + " to "
              + escape(ReportFormat.time(overview.latest())));
    }
    out.write("</dl>\n<dl class=\"summary\">\n");
    figure(out, "Runs", Long.toString(overview.count()), statuses(overview.statuses()));
    figure(out, "Device-seconds", ReportFormat.deviceSeconds(overview.deviceSeconds()), "");
    figure(out, "Cost", ReportFormat.cost(overview.cost()), "");
    out.write("</dl>\n</header>\n");
  }

  private static String statuses(Map<RunStatus, Long> statuses) {
    StringBuilder html = new StringBuilder("<dd class=\"statuses\">");
    statuses.forEach(
        (status, count) ->
            html.append(ReportFormat.statusBadge(status, count + " " + ReportFormat.status(status)))
                .append(' '));
    return html.append("</dd>").toString();
  }

  private static void fact(Writer out, String term, String html) throws IOException {
    out.write("<div><dt>" + term + "</dt><dd>" + html + "</dd></div>\n");
  }

  private static void figure(Writer out, String term, String value, String moreHtml)
      throws IOException {
    out.write(
        "<div><dt>"
            + term
            + "</dt><dd class=\"figure\">"
            + escape(value)
            + "</dd>"
            + moreHtml
            + "</div>\n");
  }
}
