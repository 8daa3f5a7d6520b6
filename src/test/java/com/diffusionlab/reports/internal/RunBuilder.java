package com.diffusionlab.reports.internal;

import com.diffusionlab.tracking.ExperimentRef;
import com.diffusionlab.tracking.GenerationSettings;
import com.diffusionlab.tracking.Run;
import com.diffusionlab.tracking.RunEstimate;
import com.diffusionlab.tracking.RunOutput;
import com.diffusionlab.tracking.RunStatus;
import com.diffusionlab.tracking.RunTimings;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Tracked runs for report tests: a succeeded 64×64 txt2img run on the CPU with timings, one image
 * per batch item whose artifacts are named by {@link #fullSize} and {@link #thumbnail}, changed
 * where a test needs it.
 */
final class RunBuilder {

  static final String MODEL_HASH = "abcdef0123" + "0".repeat(54);
  static final Instant CREATED = Instant.parse("2026-12-06T10:15:30Z");

  private final long id;
  private RunStatus status = RunStatus.SUCCEEDED;
  private String prompt = "two red circles";
  private String negativePrompt = "blurry, low quality";
  private long seed = 1234;
  private int steps = 20;
  private double cfg = 7;
  private String sampler = "euler";
  private int width = 64;
  private int height = 64;
  private int batch = 1;
  private String device = "cpu";
  private Double estimateSeconds = 1.0;
  private List<Double> stepSeconds;
  private boolean measured = true;
  private boolean withImages = true;
  private String error;
  private String notes;
  private Set<String> tags = Set.of("keep");

  RunBuilder(long id) {
    this.id = id;
    this.stepSeconds = Collections.nCopies(steps, 0.05);
  }

  /** The artifact hash of image {@code index}'s PNG. */
  static String fullSize(long runId, int index) {
    return "full-" + runId + "-" + index;
  }

  /** The artifact hash of image {@code index}'s thumbnail. */
  static String thumbnail(long runId, int index) {
    return "thumb-" + runId + "-" + index;
  }

  /** Failed before making an image: no outputs, no timings, no device-seconds or cost. */
  RunBuilder failed(String message) {
    status = RunStatus.FAILED;
    error = message;
    measured = false;
    withImages = false;
    return this;
  }

  RunBuilder prompt(String value) {
    prompt = value;
    return this;
  }

  RunBuilder seed(long value) {
    seed = value;
    return this;
  }

  RunBuilder steps(int value) {
    steps = value;
    stepSeconds = Collections.nCopies(value, 0.05);
    return this;
  }

  RunBuilder cfg(double value) {
    cfg = value;
    return this;
  }

  RunBuilder sampler(String value) {
    sampler = value;
    return this;
  }

  RunBuilder size(int w, int h) {
    width = w;
    height = h;
    return this;
  }

  RunBuilder batch(int value) {
    batch = value;
    return this;
  }

  RunBuilder device(String value) {
    device = value;
    return this;
  }

  RunBuilder estimate(Double seconds) {
    estimateSeconds = seconds;
    return this;
  }

  RunBuilder stepSeconds(List<Double> values) {
    stepSeconds = List.copyOf(values);
    return this;
  }

  RunBuilder tags(String... values) {
    tags = Set.of(values);
    return this;
  }

  RunBuilder notes(String value) {
    notes = value;
    return this;
  }

  Run build() {
    GenerationSettings settings =
        new GenerationSettings(
            MODEL_HASH,
            "tiny-shapes",
            prompt,
            negativePrompt,
            seed,
            steps,
            cfg,
            sampler,
            "normal",
            0.0,
            width,
            height,
            batch,
            "philox",
            1,
            null,
            null,
            null);
    double sampling = stepSeconds.stream().mapToDouble(Double::doubleValue).sum();
    RunTimings timings =
        measured
            ? new RunTimings(0.01, 0.2, 0.001, 0.01, sampling, 0.05, sampling + 0.3, stepSeconds)
            : new RunTimings(0.01, null, null, null, null, null, null, List.of());
    List<RunOutput> outputs =
        withImages
            ? IntStream.range(0, batch)
                .mapToObj(
                    i ->
                        new RunOutput(
                            i,
                            seed + i,
                            fullSize(id, i),
                            "pixels-" + id + "-" + i,
                            thumbnail(id, i)))
                .toList()
            : List.of();
    return new Run(
        id,
        10,
        List.of(new ExperimentRef(1, "baseline")),
        7,
        null,
        status,
        settings,
        "0.1.0",
        device,
        "fp32",
        CREATED.plusSeconds(id * 10),
        CREATED.plusSeconds(id * 10 + 1),
        CREATED.plusSeconds(id * 10 + 3),
        timings,
        300_000_000L,
        null,
        measured ? sampling : null,
        measured ? sampling * 0.001 : null,
        estimateSeconds,
        RunEstimate.NONE,
        error,
        List.of(),
        notes,
        tags,
        outputs,
        null,
        null);
  }
}
