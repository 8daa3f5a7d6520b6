package com.diffusionlab.reports.internal;

import com.diffusionlab.tracking.RunStatus;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How the report writes figures, times and statuses: fixed decimals whatever the locale, times in
 * UTC, statuses in lower case on a coloured badge.
 */
final class ReportFormat {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private ReportFormat() {}

  /** E.g. {@code 11.25 s}; "–" for none. */
  static String seconds(Double value) {
    return value == null ? "–" : String.format(Locale.ROOT, "%.2f s", value);
  }

  /** Device-seconds: {@code 9.30}; "–" for none. */
  static String deviceSeconds(Double value) {
    return value == null ? "–" : String.format(Locale.ROOT, "%.2f", value);
  }

  /** {@code 0.0025}: costs are fractions of a unit per run; "–" for none. */
  static String cost(Double value) {
    return value == null ? "–" : String.format(Locale.ROOT, "%.4f", value);
  }

  static String time(Instant instant) {
    return instant == null ? "–" : TIME.format(instant);
  }

  static String status(RunStatus status) {
    return status.name().toLowerCase(Locale.ROOT);
  }

  /** A status badge, coloured by the status, reading {@code text} (escaped here). */
  static String statusBadge(RunStatus status, String text) {
    return "<span class=\"status status-" + status(status) + "\">" + Html.escape(text) + "</span>";
  }
}
