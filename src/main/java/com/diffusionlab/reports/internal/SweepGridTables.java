package com.diffusionlab.reports.internal;

import static com.diffusionlab.reports.internal.Html.escape;

import com.diffusionlab.tracking.RunStatus;
import java.io.IOException;
import java.io.Writer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sweeps as grids of thumbnails: one table per Z value, X values across, Y values down. A cell
 * without an image (a failed, cancelled or unfinished run) shows a placeholder with the run's
 * status; a position without a run shows an empty placeholder. Each cell links to its run's row.
 */
final class SweepGridTables {

  private SweepGridTables() {}

  static void write(Writer out, List<SweepGrid> grids, EmbeddedImages images) throws IOException {
    out.write("<section id=\"sweeps\">\n<h2>Sweep grids</h2>\n");
    for (SweepGrid grid : grids) {
      write(out, grid, images);
    }
    out.write("</section>\n");
  }

  private static void write(Writer out, SweepGrid grid, EmbeddedImages images) throws IOException {
    Map<Position, SweepGrid.Cell> cells = new HashMap<>();
    for (SweepGrid.Cell cell : grid.cells()) {
      cells.put(new Position(cell.x(), cell.y(), cell.z()), cell);
    }
    out.write("<div class=\"sweep\">\n<h3>" + escape(grid.name()) + "</h3>\n");
    for (int z = 0; z < grid.depth(); z++) {
      if (grid.z() != null) {
        out.write(
            "<h4>"
                + escape(grid.z().title())
                + ": "
                + escape(grid.z().labels().get(z))
                + "</h4>\n");
      }
      out.write("<div class=\"scroll-x\"><table class=\"grid\"><thead><tr>");
      out.write(
          "<th scope=\"col\" class=\"corner\"><span class=\"axis-y\">"
              + escape(grid.y().title())
              + " ↓</span> <span class=\"axis-x\">"
              + escape(grid.x().title())
              + " →</span></th>");
      for (String label : grid.x().labels()) {
        out.write("<th scope=\"col\">" + escape(label) + "</th>");
      }
      out.write("</tr></thead>\n<tbody>\n");
      for (int y = 0; y < grid.y().labels().size(); y++) {
        out.write("<tr><th scope=\"row\">" + escape(grid.y().labels().get(y)) + "</th>");
        for (int x = 0; x < grid.x().labels().size(); x++) {
          cell(out, cells.get(new Position(x, y, z)), images);
        }
        out.write("</tr>\n");
      }
      out.write("</tbody></table></div>\n");
    }
    out.write("</div>\n");
  }

  private static void cell(Writer out, SweepGrid.Cell cell, EmbeddedImages images)
      throws IOException {
    if (cell == null) {
      out.write("<td class=\"cell\"><div class=\"placeholder\">no run</div></td>");
      return;
    }
    out.write(
        "<td class=\"cell\" data-run=\""
            + cell.runId()
            + "\"><a href=\"#run-"
            + cell.runId()
            + "\">");
    boolean shown =
        cell.status() == RunStatus.SUCCEEDED
            && images.writeThumbnail(out, cell.thumbnail(), "Run " + cell.runId());
    if (!shown) {
      out.write(
          "<div class=\"placeholder\">"
              + ReportFormat.statusBadge(cell.status(), ReportFormat.status(cell.status()))
              + "</div>");
    }
    out.write("<span class=\"cell-run\">#" + cell.runId() + "</span></a></td>");
  }

  private record Position(int x, int y, int z) {}
}
