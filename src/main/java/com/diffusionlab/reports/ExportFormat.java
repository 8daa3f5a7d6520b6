package com.diffusionlab.reports;

import com.diffusionlab.engine.InvalidRequestException;
import java.util.Arrays;
import java.util.Locale;

/** What an export is written as. */
public enum ExportFormat {
  /** one self-contained HTML report that opens offline */
  HTML("html", "text/html;charset=UTF-8"),
  /** an Arrow IPC file (Feather v2), one row per output image */
  ARROW("arrow", "application/vnd.apache.arrow.file"),
  /** the same columns as CSV */
  CSV("csv", "text/csv;charset=UTF-8"),
  /** PNGs with their replay metadata, a manifest and the Arrow file: re-imports elsewhere */
  ZIP("zip", "application/zip");

  private final String extension;
  private final String mediaType;

  ExportFormat(String extension, String mediaType) {
    this.extension = extension;
    this.mediaType = mediaType;
  }

  public String extension() {
    return extension;
  }

  public String mediaType() {
    return mediaType;
  }

  /**
   * @throws InvalidRequestException naming the value and the formats
   */
  public static ExportFormat parse(String name) {
    return Arrays.stream(values())
        .filter(format -> format.extension.equalsIgnoreCase(name == null ? "" : name.strip()))
        .findFirst()
        .orElseThrow(() -> new InvalidRequestException("format", name, "html, arrow, csv or zip"));
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
