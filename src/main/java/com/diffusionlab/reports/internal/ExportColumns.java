package com.diffusionlab.reports.internal;

import com.diffusionlab.reports.internal.ExportColumn.BooleanColumn;
import com.diffusionlab.reports.internal.ExportColumn.DictionaryColumn;
import com.diffusionlab.reports.internal.ExportColumn.DoubleColumn;
import com.diffusionlab.reports.internal.ExportColumn.DoubleListColumn;
import com.diffusionlab.reports.internal.ExportColumn.InstantColumn;
import com.diffusionlab.reports.internal.ExportColumn.IntColumn;
import com.diffusionlab.reports.internal.ExportColumn.LongColumn;
import com.diffusionlab.reports.internal.ExportColumn.TextColumn;
import com.diffusionlab.reports.internal.ExportColumn.TextListColumn;
import com.diffusionlab.tracking.RunStatus;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The columns of a run export, in order: the one list that both {@link ArrowExportWriter} and
 * {@link CsvExportWriter} follow, so that the two formats cannot drift apart.
 */
public final class ExportColumns {

  public static final DictionaryColumn STATUS =
      new DictionaryColumn(
          "status",
          false,
          row -> row.status().name(),
          Arrays.stream(RunStatus.values()).map(Enum::name).toList());
  public static final DictionaryColumn MODEL = open("model", false, ExportRow::model);
  public static final DictionaryColumn SAMPLER = open("sampler", false, ExportRow::sampler);
  public static final DictionaryColumn SCHEDULE = open("schedule", false, ExportRow::schedule);
  public static final DictionaryColumn RNG = open("rng", false, ExportRow::rng);
  public static final DictionaryColumn DEVICE = open("device", true, ExportRow::device);
  public static final DictionaryColumn PRECISION = open("precision", true, ExportRow::precision);

  public static final List<ExportColumn> ALL =
      List.of(
          new LongColumn("run_id", false, ExportRow::runId),
          new IntColumn("output_index", true, ExportRow::outputIndex),
          new LongColumn("image_seed", true, ExportRow::imageSeed),
          STATUS,
          new TextListColumn("experiments", ExportRow::experiments),
          new LongColumn("session_id", false, ExportRow::sessionId),
          new TextColumn("user", false, ExportRow::user),
          new LongColumn("parent_id", true, ExportRow::parentId),
          new InstantColumn("created_at", false, ExportRow::createdAt),
          new InstantColumn("started_at", true, ExportRow::startedAt),
          new InstantColumn("finished_at", true, ExportRow::finishedAt),
          new TextColumn("prompt", false, ExportRow::prompt),
          new TextColumn("negative_prompt", false, ExportRow::negativePrompt),
          MODEL,
          new TextColumn("model_hash", false, ExportRow::modelHash),
          SAMPLER,
          SCHEDULE,
          RNG,
          new DoubleColumn("eta", false, ExportRow::eta),
          new DoubleColumn("cfg", false, ExportRow::cfg),
          new IntColumn("steps", false, ExportRow::steps),
          new IntColumn("width", false, ExportRow::width),
          new IntColumn("height", false, ExportRow::height),
          new IntColumn("batch", false, ExportRow::batch),
          new IntColumn("clip_skip", false, ExportRow::clipSkip),
          new LongColumn("seed", false, ExportRow::seed),
          new DoubleColumn("strength", true, ExportRow::strength),
          new LongColumn("sweep_id", true, ExportRow::sweepId),
          new TextColumn("axis_values", true, ExportRow::axisValues),
          new TextColumn("engine_version", true, ExportRow::engineVersion),
          DEVICE,
          PRECISION,
          new DoubleColumn("queue_wait_seconds", true, ExportRow::queueWaitSeconds),
          new DoubleColumn("load_seconds", true, ExportRow::loadSeconds),
          new DoubleColumn("tokenize_seconds", true, ExportRow::tokenizeSeconds),
          new DoubleColumn("encode_seconds", true, ExportRow::encodeSeconds),
          new DoubleColumn("sampling_seconds", true, ExportRow::samplingSeconds),
          new DoubleColumn("decode_seconds", true, ExportRow::decodeSeconds),
          new DoubleColumn("total_seconds", true, ExportRow::totalSeconds),
          new DoubleListColumn("step_seconds", ExportRow::stepSeconds),
          new LongColumn("peak_rss_bytes", true, ExportRow::peakRssBytes),
          new LongColumn("peak_device_bytes", true, ExportRow::peakDeviceBytes),
          new DoubleColumn("device_seconds", true, ExportRow::deviceSeconds),
          new DoubleColumn("cost", true, ExportRow::cost),
          new DoubleColumn("estimate_seconds", true, ExportRow::estimateSeconds),
          new TextColumn("png_sha256", true, ExportRow::pngSha256),
          new TextColumn("pixel_sha256", true, ExportRow::pixelSha256),
          new BooleanColumn("reproduced_exactly", true, ExportRow::reproducedExactly),
          new TextListColumn("tags", ExportRow::tags),
          new TextColumn("error", true, ExportRow::error),
          new TextColumn("notes", true, ExportRow::notes));

  private ExportColumns() {}

  public static List<String> names() {
    return ALL.stream().map(ExportColumn::name).toList();
  }

  private static DictionaryColumn open(
      String name, boolean nullable, Function<ExportRow, String> value) {
    return new DictionaryColumn(name, nullable, value, List.of());
  }
}
