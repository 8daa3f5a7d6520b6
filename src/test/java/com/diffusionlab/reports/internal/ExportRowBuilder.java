package com.diffusionlab.reports.internal;

import com.diffusionlab.tracking.RunStatus;
import java.time.Instant;
import java.util.List;

/**
 * Export rows for tests: a succeeded txt2img image with every column set, changed where a test
 * needs it.
 */
final class ExportRowBuilder {

  static final Instant CREATED = Instant.parse("2026-12-06T10:15:30.123456Z");

  private long runId = 1;
  private Integer outputIndex = 0;
  private Long imageSeed = 1234L;
  private RunStatus status = RunStatus.SUCCEEDED;
  private List<String> experiments = List.of("baseline");
  private long sessionId = 10;
  private String user = "ada";
  private Long parentId = null;
  private Instant createdAt = CREATED;
  private Instant startedAt = CREATED.plusSeconds(2);
  private Instant finishedAt = CREATED.plusMillis(11_250);
  private String prompt = "a lighthouse on a cliff at dusk, oil painting, dramatic light";
  private String negativePrompt = "blurry, low quality";
  private String model = "sd15-tiny";
  private String modelHash = "ab".repeat(32);
  private String sampler = "euler_a";
  private String schedule = "karras";
  private String rng = "cpu";
  private double eta = 0.0;
  private double cfg = 7.5;
  private int steps = 20;
  private int width = 512;
  private int height = 512;
  private int batch = 1;
  private int clipSkip = 1;
  private long seed = 1234;
  private Double strength = null;
  private Long sweepId = null;
  private String axisValues = null;
  private String engineVersion = "0.1.0";
  private String device = "cpu";
  private String precision = "fp32";
  private Double queueWaitSeconds = 0.25;
  private Double loadSeconds = 1.5;
  private Double tokenizeSeconds = 0.002;
  private Double encodeSeconds = 0.04;
  private Double samplingSeconds = 9.0;
  private Double decodeSeconds = 0.3;
  private Double totalSeconds = 11.25;
  private List<Double> stepSeconds = List.of(0.51, 0.49);
  private Long peakRssBytes = 1_500_000_000L;
  private Long peakDeviceBytes = null;
  private Double deviceSeconds = 9.3;
  private Double cost = 0.0025;
  private Double estimateSeconds = 10.0;
  private String pngSha256 = "cd".repeat(32);
  private String pixelSha256 = "ef".repeat(32);
  private Boolean reproducedExactly = null;
  private List<String> tags = List.of("keep");
  private String error = null;
  private String notes = null;

  /** A run that failed before making an image: one row whose image columns are null. */
  static ExportRowBuilder failedWithoutImage(long runId) {
    ExportRowBuilder row = new ExportRowBuilder().runId(runId).status(RunStatus.FAILED);
    row.outputIndex = null;
    row.imageSeed = null;
    row.pngSha256 = null;
    row.pixelSha256 = null;
    row.samplingSeconds = null;
    row.decodeSeconds = null;
    row.totalSeconds = null;
    row.stepSeconds = List.of();
    row.deviceSeconds = null;
    row.cost = null;
    row.error = "out of memory while loading the UNet";
    return row;
  }

  ExportRowBuilder runId(long value) {
    runId = value;
    return this;
  }

  ExportRowBuilder output(int index) {
    outputIndex = index;
    imageSeed = seed + index;
    return this;
  }

  ExportRowBuilder status(RunStatus value) {
    status = value;
    return this;
  }

  ExportRowBuilder experiments(String... values) {
    experiments = List.of(values);
    return this;
  }

  ExportRowBuilder parentId(Long value) {
    parentId = value;
    return this;
  }

  ExportRowBuilder createdAt(Instant value) {
    createdAt = value;
    return this;
  }

  ExportRowBuilder unstarted() {
    startedAt = null;
    finishedAt = null;
    return this;
  }

  ExportRowBuilder prompt(String value) {
    prompt = value;
    return this;
  }

  ExportRowBuilder negativePrompt(String value) {
    negativePrompt = value;
    return this;
  }

  ExportRowBuilder model(String value) {
    model = value;
    return this;
  }

  ExportRowBuilder sampler(String value) {
    sampler = value;
    return this;
  }

  ExportRowBuilder cfg(double value) {
    cfg = value;
    return this;
  }

  ExportRowBuilder seed(long value) {
    seed = value;
    return this;
  }

  ExportRowBuilder strength(Double value) {
    strength = value;
    return this;
  }

  ExportRowBuilder sweep(Long id, String values) {
    sweepId = id;
    axisValues = values;
    return this;
  }

  ExportRowBuilder device(String value, String precisionValue) {
    device = value;
    precision = precisionValue;
    return this;
  }

  ExportRowBuilder stepSeconds(List<Double> values) {
    stepSeconds = values;
    return this;
  }

  ExportRowBuilder reproducedExactly(Boolean value) {
    reproducedExactly = value;
    return this;
  }

  ExportRowBuilder tags(String... values) {
    tags = List.of(values);
    return this;
  }

  ExportRowBuilder notes(String value) {
    notes = value;
    return this;
  }

  ExportRow build() {
    return new ExportRow(
        runId,
        outputIndex,
        imageSeed,
        status,
        experiments,
        sessionId,
        user,
        parentId,
        createdAt,
        startedAt,
        finishedAt,
        prompt,
        negativePrompt,
        model,
        modelHash,
        sampler,
        schedule,
        rng,
        eta,
        cfg,
        steps,
        width,
        height,
        batch,
        clipSkip,
        seed,
        strength,
        sweepId,
        axisValues,
        engineVersion,
        device,
        precision,
        queueWaitSeconds,
        loadSeconds,
        tokenizeSeconds,
        encodeSeconds,
        samplingSeconds,
        decodeSeconds,
        totalSeconds,
        stepSeconds,
        peakRssBytes,
        peakDeviceBytes,
        deviceSeconds,
        cost,
        estimateSeconds,
        pngSha256,
        pixelSha256,
        reproducedExactly,
        tags,
        error,
        notes);
  }
}
