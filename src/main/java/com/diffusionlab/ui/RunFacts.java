package com.diffusionlab.ui;

import com.diffusionlab.tracking.Run;
import com.diffusionlab.tracking.RunEstimate;
import com.diffusionlab.tracking.RunStatus;
import com.diffusionlab.tracking.RunTimings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * A run's figures in words, for every state it can be in: a figure a run never reached reads "not
 * started", one that was not measured "not recorded", never "null" or a dash.
 */
public final class RunFacts {

  public static final String NOT_STARTED = "not started";
  public static final String NOT_RECORDED = "not recorded";

  private RunFacts() {}

  /** A recorded figure formatted, or what stands in for it. */
  public static <T> String figure(Run run, T value, Function<T, String> format) {
    if (value != null) {
      return format.apply(value);
    }
    return started(run) ? NOT_RECORDED : NOT_STARTED;
  }

  public static String seconds(Run run, Double value) {
    return figure(run, value, Formats::seconds);
  }

  public static String text(Run run, String value) {
    return figure(run, value == null || value.isBlank() ? null : value, Function.identity());
  }

  /**
   * What was estimated at submission against what the run took: {@code 8.10 s ± 1.20 s from this
   * configuration's runs; took 8.97 s (+11%, within the band)}; "not recorded" for a run that kept
   * no estimate.
   */
  public static String estimate(Run run) {
    Double estimated = run.estimateSeconds();
    if (estimated == null) {
      return NOT_RECORDED;
    }
    RunEstimate e = run.estimate() == null ? RunEstimate.NONE : run.estimate();
    StringBuilder text = new StringBuilder(Formats.seconds(estimated));
    if (e.secondsLow() != null && e.secondsHigh() != null) {
      text.append(" ± ").append(Formats.seconds((e.secondsHigh() - e.secondsLow()) / 2));
    }
    if (e.basis() != null) {
      text.append(' ').append(basis(e.basis(), 0));
    }
    Double took = run.timings().total();
    if (run.status() == RunStatus.SUCCEEDED && took != null && estimated > 0) {
      text.append("; took ")
          .append(Formats.seconds(took))
          .append(String.format(Locale.ROOT, " (%+.0f%%", 100 * (took - estimated) / estimated));
      if (e.secondsLow() != null && e.secondsHigh() != null) {
        boolean within = took >= e.secondsLow() && took <= e.secondsHigh();
        text.append(within ? ", within the band" : ", outside the band");
      }
      text.append(')');
    }
    return text.toString();
  }

  /**
   * The peak memory estimated at submission, against the peak: {@code 700 MB; peaked at 720 MB
   * (+3%)}.
   */
  public static String estimatedMemory(Run run) {
    Long estimated = run.estimate() == null ? null : run.estimate().peakMemoryBytes();
    if (estimated == null) {
      return NOT_RECORDED;
    }
    Long peak = "gpu".equals(run.device()) ? run.peakDeviceBytes() : run.peakRssBytes();
    if (run.status() != RunStatus.SUCCEEDED || peak == null || estimated <= 0) {
      return Formats.bytes(estimated);
    }
    return String.format(
        Locale.ROOT,
        "%s; peaked at %s (%+.0f%%)",
        Formats.bytes(estimated),
        Formats.bytes(peak),
        100.0 * (peak - estimated) / estimated);
  }

  /**
   * Where an estimate comes from, in words: {@code from 20 runs of this configuration}.
   *
   * @param basis an {@code Estimate.Basis} name
   * @param runs how many runs it learned from; 0 when not known
   */
  public static String basis(String basis, int runs) {
    String count = runs > 0 ? runs + " " : "";
    return switch (basis) {
      case "HISTORY" -> "from " + count + "runs of this configuration";
      case "MODEL" -> "from " + count + "runs of this model in other configurations";
      case "DEVICE" -> "from " + count + "runs of other models on this device";
      case "PROBE" -> "from the device's measured speed (nothing has run here yet)";
      default -> "(" + basis + ")";
    };
  }

  /** Whether the run got as far as the device (a queued or cancelled-while-queued one did not). */
  public static boolean started(Run run) {
    return run.startedAt() != null;
  }

  /**
   * How many steps the run did: {@code 3 of 50 steps}; "not started", or "not recorded" for a run
   * that stopped without saying (a crash).
   */
  public static String steps(Run run) {
    int total = run.settings().steps() == null ? 0 : run.settings().steps();
    if (!started(run)) {
      return NOT_STARTED;
    }
    if (run.status() == RunStatus.SUCCEEDED || run.timings().total() != null) {
      return String.format(Locale.ROOT, "%d of %d steps", run.timings().steps().size(), total);
    }
    return run.status() == RunStatus.RUNNING ? "running" : NOT_RECORDED;
  }

  /**
   * One line on where a run stands or how it ended, with what it did: {@code run 12 cancelled after
   * 3 of 50 steps, 1.20 s}, {@code run 12 succeeded in 0.58 s (0.03 s per step, peak 700 MB)},
   * {@code run 12 queued, not started}.
   */
  public static String outcome(Run run) {
    String head = "run " + run.id() + " " + run.status().name().toLowerCase(Locale.ROOT);
    return switch (run.status()) {
      case QUEUED -> head + ", " + NOT_STARTED;
      case RUNNING -> head;
      case SUCCEEDED -> head + succeeded(run);
      case FAILED, CANCELLED -> {
        if (!started(run)) {
          yield head + " before it started";
        }
        String steps = steps(run);
        yield steps.equals(NOT_RECORDED)
            ? head + " (steps done " + NOT_RECORDED + ")"
            : head + " after " + steps + ", " + Formats.seconds(run.timings().total());
      }
    };
  }

  /** {@code " in 0.58 s (0.03 s per step, peak memory 700 MB)"}, or less for what was not kept. */
  private static String succeeded(Run run) {
    RunTimings timings = run.timings();
    if (timings.total() == null) {
      return "";
    }
    List<String> details = new ArrayList<>();
    if (timings.sampling() != null && !timings.steps().isEmpty()) {
      details.add(Formats.seconds(timings.sampling() / timings.steps().size()) + " per step");
    }
    if (run.peakRssBytes() != null) {
      details.add("peak memory " + Formats.bytes(run.peakRssBytes()));
    }
    return " in "
        + Formats.seconds(timings.total())
        + (details.isEmpty() ? "" : " (" + String.join(", ", details) + ")");
  }
}
