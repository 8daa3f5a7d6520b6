package com.diffusionlab.reports.internal;

import com.diffusionlab.tracking.RunStatus;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One row of a run export: one output image of a run, with everything about the run repeated on
 * each of its images. A run that produced no image (failed, cancelled, or not finished) still gets
 * one row, with {@code outputIndex}, {@code imageSeed} and the image hashes null, so that an export
 * never silently leaves failed runs out. {@link ExportColumns} names the columns and fixes their
 * order; the components here follow it.
 *
 * <p>Boxed components are the nullable columns; the lists are never null (empty when there is
 * nothing) and are copied.
 *
 * @param imageSeed the seed of this image: the run's seed plus its output index
 * @param experiments every experiment the run belongs to
 * @param user the username of whoever started the run
 * @param parentId the run this one replays
 * @param model the model's name
 * @param modelHash the model's SHA-256, 64 hex digits
 * @param seed the run's seed
 * @param strength img2img only
 * @param axisValues where the run sits in its sweep, e.g. {@code cfg=3; steps=20}
 * @param stepSeconds the duration of each sampling step
 * @param pngSha256 the PNG artifact
 * @param pixelSha256 the image's pixels alone, what replays compare
 */
public record ExportRow(
    long runId,
    Integer outputIndex,
    Long imageSeed,
    RunStatus status,
    List<String> experiments,
    long sessionId,
    String user,
    Long parentId,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    String prompt,
    String negativePrompt,
    String model,
    String modelHash,
    String sampler,
    String schedule,
    String rng,
    double eta,
    double cfg,
    int steps,
    int width,
    int height,
    int batch,
    int clipSkip,
    long seed,
    Double strength,
    Long sweepId,
    String axisValues,
    String engineVersion,
    String device,
    String precision,
    Double queueWaitSeconds,
    Double loadSeconds,
    Double tokenizeSeconds,
    Double encodeSeconds,
    Double samplingSeconds,
    Double decodeSeconds,
    Double totalSeconds,
    List<Double> stepSeconds,
    Long peakRssBytes,
    Long peakDeviceBytes,
    Double deviceSeconds,
    Double cost,
    Double estimateSeconds,
    String pngSha256,
    String pixelSha256,
    Boolean reproducedExactly,
    List<String> tags,
    String error,
    String notes) {

  public ExportRow {
    Objects.requireNonNull(status, "status");
    experiments = List.copyOf(experiments);
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(prompt, "prompt");
    Objects.requireNonNull(negativePrompt, "negativePrompt");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(modelHash, "modelHash");
    Objects.requireNonNull(sampler, "sampler");
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(rng, "rng");
    stepSeconds = List.copyOf(stepSeconds);
    tags = List.copyOf(tags);
  }
}
