package com.diffusionlab.reports.internal;

import com.diffusionlab.tracking.Run;
import com.diffusionlab.tracking.RunStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What the report needs to know of all its runs before it writes the first row: counts and totals
 * for the header, which settings vary (the runs table's columns), the chart data, and the runs
 * themselves only when there are few enough for the side-by-side view. Memory grows with the number
 * of runs only by their chart data.
 */
final class ReportOverview {

  /** The most runs the side-by-side view shows, as the compare view does. */
  static final int SIDE_BY_SIDE_MAX = 8;

  private final Map<RunStatus, Long> statuses = new EnumMap<>(RunStatus.class);
  private final SettingsSpread settings = new SettingsSpread();
  private final List<RunMeasure> measures = new ArrayList<>();
  private final List<Run> firstRuns = new ArrayList<>();
  private long count;
  private double deviceSeconds;
  private double cost;
  private Instant earliest;
  private Instant latest;

  private ReportOverview() {}

  /** Reads the runs once, in order. */
  static ReportOverview of(Stream<Run> runs) {
    ReportOverview overview = new ReportOverview();
    runs.forEachOrdered(overview::add);
    return overview;
  }

  private void add(Run run) {
    count++;
    statuses.merge(run.status(), 1L, Long::sum);
    deviceSeconds += run.deviceSeconds() == null ? 0 : run.deviceSeconds();
    cost += run.cost() == null ? 0 : run.cost();
    earliest = earlier(earliest, run.createdAt());
    latest = later(latest, run.finishedAt() == null ? run.createdAt() : run.finishedAt());
    settings.add(run);
    measures.add(RunMeasure.of(run));
    if (firstRuns.size() <= SIDE_BY_SIDE_MAX) {
      firstRuns.add(run);
    }
  }

  long count() {
    return count;
  }

  /** Runs by status, in lifecycle order; statuses without runs left out. */
  Map<RunStatus, Long> statuses() {
    return Collections.unmodifiableMap(statuses);
  }

  double deviceSeconds() {
    return deviceSeconds;
  }

  double cost() {
    return cost;
  }

  /** When the first run was created; null without runs. */
  Instant earliest() {
    return earliest;
  }

  /** When the last run finished (or was created, if none finished); null without runs. */
  Instant latest() {
    return latest;
  }

  SettingsSpread settings() {
    return settings;
  }

  List<RunMeasure> measures() {
    return Collections.unmodifiableList(measures);
  }

  /** The runs for the side-by-side view: all of them when there are 2 to 8, else none. */
  List<Run> sideBySide() {
    return count >= 2 && count <= SIDE_BY_SIDE_MAX ? List.copyOf(firstRuns) : List.of();
  }

  private static Instant earlier(Instant a, Instant b) {
    return a == null || (b != null && b.isBefore(a)) ? b : a;
  }

  private static Instant later(Instant a, Instant b) {
    return a == null || (b != null && b.isAfter(a)) ? b : a;
  }
}
