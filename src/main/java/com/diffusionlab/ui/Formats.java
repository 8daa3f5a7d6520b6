package com.diffusionlab.ui;

import com.diffusionlab.engine.RecommendedSettings;
import com.diffusionlab.sessions.SessionUsage;
import java.util.ArrayList;
import java.util.List;
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

  /** A model card's recommendations in one line, e.g. {@code guidance 3 · 20 steps · euler}. */
  public static String recommended(RecommendedSettings card) {
    List<String> parts = new ArrayList<>();
    if (card.cfg() != null) {
      parts.add("guidance " + number(card.cfg()));
    }
    if (card.steps() != null) {
      parts.add(card.steps() + " steps");
    }
    if (card.sampler() != null) {
      parts.add(card.sampler());
    }
    if (card.width() != null || card.height() != null) {
      parts.add(
          (card.width() == null ? "–" : card.width())
              + "×"
              + (card.height() == null ? "–" : card.height()));
    }
    return parts.isEmpty() ? "–" : String.join(" · ", parts);
  }

  /**
   * A session's device-seconds against its budget, e.g. {@code 12.3 used + 4.0 reserved of 3600}:
   * the reserved part is what queued and running jobs hold until they end.
   */
  public static String usage(SessionUsage usage) {
    return usage.reservedDeviceSeconds() > 0
        ? String.format(
            Locale.ROOT,
            "%.1f used + %.1f reserved of %.0f",
            usage.usedDeviceSeconds(),
            usage.reservedDeviceSeconds(),
            usage.budgetDeviceSeconds())
        : String.format(
            Locale.ROOT,
            "%.1f used of %.0f",
            usage.usedDeviceSeconds(),
            usage.budgetDeviceSeconds());
  }

  public static String count(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  /** The URL the REST API serves an artifact under (the browser's session signs the request). */
  public static String artifactUrl(String sha256) {
    return "api/v1/artifacts/" + sha256;
  }
}
