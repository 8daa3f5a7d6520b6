package com.diffusionlab.ui;

import java.util.Locale;

/** Numbers as the UI shows them. */
public final class Formats {
  private Formats() {}

  public static String seconds(Double seconds) {
    if (seconds == null) {
      return "–";
    }
    return seconds < 10
        ? String.format(Locale.ROOT, "%.2f s", seconds)
        : String.format(Locale.ROOT, "%.1f s", seconds);
  }

  public static String bytes(Long bytes) {
    if (bytes == null) {
      return "–";
    }
    return bytes >= 1L << 30
        ? String.format(Locale.ROOT, "%.2f GB", bytes / 1e9)
        : String.format(Locale.ROOT, "%.0f MB", bytes / 1e6);
  }

  public static String money(Double amount) {
    return amount == null ? "–" : String.format(Locale.ROOT, "%.4f", amount);
  }

  /** A setting's number as people write it: 7 rather than 7.0. */
  public static String number(Double value) {
    return com.diffusionlab.tracking.GenerationFields.format(value);
  }

  public static String count(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  /** The URL the REST API serves an artifact under (the browser's session signs the request). */
  public static String artifactUrl(String sha256) {
    return "api/v1/artifacts/" + sha256;
  }
}
