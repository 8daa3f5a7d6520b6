package com.diffusionlab.reports.internal;

import com.diffusionlab.compare.RunTable;
import com.diffusionlab.compare.SettingRow;
import com.diffusionlab.tracking.Run;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which settings take one value across all the runs and which vary, learnt from the runs one at a
 * time. Values are compared as {@link RunTable#settings} shows them, so the report calls a setting
 * varying exactly when the compare view would mark its row.
 */
final class SettingsSpread {

  private static final String NOT_SET = "–";

  private final Map<String, SettingRow> firstSeen = new LinkedHashMap<>();
  private final Set<String> varying = new HashSet<>();

  void add(Run run) {
    for (SettingRow row : valuesOf(run)) {
      SettingRow first = firstSeen.putIfAbsent(row.name(), row);
      if (first != null && !first.values().equals(row.values())) {
        varying.add(row.name());
      }
    }
  }

  /** The settings with one value for every run, in catalogue order; those never set left out. */
  List<SettingRow> constant() {
    return firstSeen.values().stream()
        .filter(row -> !varying.contains(row.name()))
        .filter(row -> !row.values().getFirst().equals(NOT_SET))
        .toList();
  }

  /** The settings whose values differ between runs, in catalogue order (the first run's row). */
  List<SettingRow> varying() {
    return firstSeen.values().stream().filter(row -> varying.contains(row.name())).toList();
  }

  boolean varies(String name) {
    return varying.contains(name);
  }

  /** One run's settings as the compare view shows them: one row per setting, one value each. */
  static List<SettingRow> valuesOf(Run run) {
    return RunTable.settings(List.of(run));
  }
}
