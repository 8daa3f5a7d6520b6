package com.diffusionlab.compare;

import com.diffusionlab.tracking.GenerationFields;
import com.diffusionlab.tracking.Run;
import com.diffusionlab.tracking.RunTimings;
import com.diffusionlab.tracking.SettingField;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Runs as table rows, one row per setting or figure and one value per run, each row marked when its
 * values differ: what the compare view, its REST answer and reports show.
 */
public final class RunTable {

  private RunTable() {}

  /** Every generation setting, the model by name and content hash. */
  public static List<SettingRow> settings(List<Run> found) {
    List<SettingRow> rows = new ArrayList<>();
    for (SettingField field : GenerationFields.all()) {
      if (field.name().equals(GenerationFields.MODEL_NAME)) {
        continue;
      }
      List<String> values =
          found.stream()
              .map(
                  run ->
                      field.name().equals(GenerationFields.MODEL)
                          ? run.settings().modelName() + " · " + run.settings().model()
                          : GenerationFields.format(GenerationFields.value(run.settings(), field)))
              .toList();
      rows.add(SettingRow.of(field.name(), field.label(), values));
    }
    return rows;
  }

  /** Status, timings per stage, memory, device-seconds, cost, device and engine. */
  public static List<SettingRow> figures(List<Run> found) {
    List<SettingRow> rows = new ArrayList<>();
    rows.add(row(found, "status", "Status", run -> run.status().name().toLowerCase(Locale.ROOT)));
    timing(rows, found, "queueWait", "Queue wait", RunTimings::queueWait);
    timing(rows, found, "load", "Load", RunTimings::load);
    timing(rows, found, "tokenize", "Tokenize", RunTimings::tokenize);
    timing(rows, found, "encode", "Encode", RunTimings::encode);
    timing(rows, found, "sampling", "Sampling", RunTimings::sampling);
    timing(rows, found, "decode", "Decode", RunTimings::decode);
    timing(rows, found, "total", "Total", RunTimings::total);
    rows.add(
        row(
            found,
            "timings.perStep",
            "Per step (mean)",
            run -> {
              List<Double> steps = run.timings().steps();
              return steps.isEmpty()
                  ? "–"
                  : seconds(steps.stream().mapToDouble(Double::doubleValue).average().orElse(0));
            }));
    rows.add(row(found, "estimateSeconds", "Estimate", run -> seconds(run.estimateSeconds())));
    rows.add(row(found, "peakRssBytes", "Peak memory", run -> bytes(run.peakRssBytes())));
    rows.add(
        row(found, "peakDeviceBytes", "Peak device memory", run -> bytes(run.peakDeviceBytes())));
    rows.add(
        row(found, "deviceSeconds", "Device-seconds", run -> number(run.deviceSeconds(), "%.2f")));
    rows.add(row(found, "cost", "Cost", run -> number(run.cost(), "%.4f")));
    rows.add(row(found, "device", "Device", run -> text(run.device())));
    rows.add(row(found, "precision", "Precision", run -> text(run.precision())));
    rows.add(row(found, "engineVersion", "Engine", run -> text(run.engineVersion())));
    return rows;
  }

  private static void timing(
      List<SettingRow> rows,
      List<Run> found,
      String name,
      String label,
      Function<RunTimings, Double> part) {
    rows.add(row(found, "timings." + name, label, run -> seconds(part.apply(run.timings()))));
  }

  private static SettingRow row(
      List<Run> found, String name, String label, Function<Run, String> value) {
    return SettingRow.of(name, label, found.stream().map(value).toList());
  }

  private static String seconds(Double value) {
    return number(value, "%.3f s");
  }

  private static String bytes(Long value) {
    return value == null ? "–" : String.format(Locale.ROOT, "%.1f MB", value / 1e6);
  }

  private static String number(Double value, String format) {
    return value == null ? "–" : String.format(Locale.ROOT, format, value);
  }

  private static String text(String value) {
    return value == null ? "–" : value;
  }
}
