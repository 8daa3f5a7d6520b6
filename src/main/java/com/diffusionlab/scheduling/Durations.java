package com.diffusionlab.scheduling;

import java.util.Locale;

/** Times ahead in the words a person reads at a glance ("in about 40 s", "about 3 min left"). */
final class Durations {
  private Durations() {}

  /** "in a moment", "in about 40 s", "in about 3 min", "in about 2 h 5 min". */
  static String inAbout(double seconds) {
    return seconds < 1 ? "in a moment" : "in about " + rounded(seconds);
  }

  /** "finishing", "about 40 s left", "about 3 min left". */
  static String left(double seconds) {
    return seconds < 1 ? "finishing" : "about " + rounded(seconds) + " left";
  }

  /**
   * A running run's progress: "step 7/20 · 0.12 s · about 10 s left", or "loading … · about 40 s
   * left" before its first step.
   *
   * @param stepSeconds a step's time, or null when none is known
   * @param secondsLeft the time left, or null when none is known
   */
  static String progress(
      String stage, int step, int totalSteps, Double stepSeconds, Double secondsLeft) {
    StringBuilder text = new StringBuilder();
    if (step > 0) {
      text.append("step ").append(step).append('/').append(totalSteps);
      if (stepSeconds != null) {
        text.append(String.format(Locale.ROOT, " · %.2f s", stepSeconds));
      }
    } else {
      text.append(stage.toLowerCase(Locale.ROOT)).append(" …");
    }
    if (secondsLeft != null) {
      text.append(" · ").append(left(secondsLeft));
    }
    return text.toString();
  }

  /**
   * Seconds to 5 s steps under a minute (more precision than an estimate has would only flicker),
   * whole minutes under an hour, then hours and minutes.
   */
  static String rounded(double seconds) {
    long s = Math.round(seconds);
    if (s < 10) {
      return Math.max(1, s) + " s";
    }
    if (s < 60) {
      return Math.min(55, Math.round(s / 5.0) * 5) + " s";
    }
    long minutes = Math.round(s / 60.0);
    if (minutes < 60) {
      return minutes + " min";
    }
    return minutes / 60 + " h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " min");
  }
}
