package com.diffusionlab.reports.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;

/**
 * What an Arrow export says about itself in its schema metadata, so that a file found later still
 * tells where it came from. Readers show it as {@code schema.metadata} (pyarrow) or {@code
 * table.schema.metadata} (Arrow JS).
 *
 * @param engineVersion the Diffusion Lab engine that wrote the export
 * @param exportedAt when the export was made
 * @param selection what was exported, in words or as the query that chose the runs
 */
public record ExportMetadata(String engineVersion, Instant exportedAt, String selection) {

  /** Raised when the columns or their meaning change, so that readers can tell files apart. */
  public static final String FORMAT_VERSION = "1";

  public ExportMetadata {
    Objects.requireNonNull(engineVersion, "engineVersion");
    Objects.requireNonNull(exportedAt, "exportedAt");
    Objects.requireNonNull(selection, "selection");
  }

  Map<String, String> asSchemaMetadata() {
    return Map.of(
        "dlab_export_format", FORMAT_VERSION,
        "engine_version", engineVersion,
        "exported_at", exportedAt.truncatedTo(ChronoUnit.MICROS).toString(),
        "selection", selection);
  }
}
