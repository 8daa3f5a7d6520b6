package com.diffusionlab.reports.internal;

import com.diffusionlab.tracking.Run;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Everything an HTML report shows, as the service gathers it.
 *
 * @param title e.g. the experiment's name (plain text)
 * @param descriptionHtml the description as {@link com.diffusionlab.reports.Markdown#toSafeHtml}
 *     rendered it; written as is, so it must never be anything else
 * @param selection what was selected, in words or as the query that chose the runs
 * @param exportedBy the user who exported the report
 * @param runs a fresh stream of the same runs on each call: the writer calls it twice, once to
 *     summarise and once to write the rows, and closes each stream
 * @param images a stored PNG's bytes by its artifact hash; empty when the store has none
 * @param sweepGrids the sweeps to show as grids, in order
 * @param progress told as rows are written
 */
public record ReportInput(
    String title,
    String descriptionHtml,
    String selection,
    String exportedBy,
    Instant exportedAt,
    EnvironmentFingerprint environment,
    Supplier<Stream<Run>> runs,
    Function<String, Optional<byte[]>> images,
    List<SweepGrid> sweepGrids,
    ReportProgress progress) {

  public ReportInput {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(exportedAt, "exportedAt");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(runs, "runs");
    Objects.requireNonNull(images, "images");
    descriptionHtml = Objects.requireNonNullElse(descriptionHtml, "");
    selection = Objects.requireNonNullElse(selection, "");
    exportedBy = Objects.requireNonNullElse(exportedBy, "");
    sweepGrids = sweepGrids == null ? List.of() : List.copyOf(sweepGrids);
    progress = Objects.requireNonNullElse(progress, ReportProgress.NONE);
  }
}
