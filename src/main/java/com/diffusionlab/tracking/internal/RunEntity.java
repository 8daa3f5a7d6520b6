package com.diffusionlab.tracking.internal;

import com.diffusionlab.tracking.Run;
import com.diffusionlab.tracking.RunCompletion;
import com.diffusionlab.tracking.RunParameters;
import com.diffusionlab.tracking.RunStatus;
import com.diffusionlab.tracking.RunTimings;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** A run as stored; its lifecycle methods are the only way its status changes. */
@Entity
@Table(name = "runs")
public class RunEntity {
  private static final int MAX_TEXT = 4000;

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "session_id")
  private long sessionId;

  @Column(name = "experiment_id")
  private long experimentId;

  @Column(name = "user_id")
  private long userId;

  @Column(name = "parent_id")
  private Long parentId;

  @Enumerated(EnumType.STRING)
  private RunStatus status;

  private String prompt;

  @Column(name = "negative_prompt")
  private String negativePrompt;

  @Column(name = "model_name")
  private String modelName;

  @Column(name = "model_hash")
  private String modelHash;

  private String sampler;
  private String schedule;
  private double eta;
  private int steps;
  private double cfg;
  private int width;
  private int height;
  private int batch;
  private long seed;
  private String rng;

  @Column(name = "clip_skip")
  private int clipSkip;

  private Double strength;

  @Column(name = "init_image")
  private String initImage;

  @Column(name = "mask_image")
  private String maskImage;

  @Column(name = "engine_version")
  private String engineVersion;

  private String device;

  @Column(name = "run_precision")
  private String precision;

  @Column(name = "created_at")
  private Instant createdAt;

  @Column(name = "started_at")
  private Instant startedAt;

  @Column(name = "finished_at")
  private Instant finishedAt;

  @Column(name = "queue_wait_seconds")
  private Double queueWaitSeconds;

  @Column(name = "load_seconds")
  private Double loadSeconds;

  @Column(name = "tokenize_seconds")
  private Double tokenizeSeconds;

  @Column(name = "encode_seconds")
  private Double encodeSeconds;

  @Column(name = "sampling_seconds")
  private Double samplingSeconds;

  @Column(name = "decode_seconds")
  private Double decodeSeconds;

  @Column(name = "total_seconds")
  private Double totalSeconds;

  @Column(name = "step_seconds")
  private String stepSeconds;

  @Column(name = "peak_rss_bytes")
  private Long peakRssBytes;

  @Column(name = "peak_device_bytes")
  private Long peakDeviceBytes;

  @Column(name = "device_seconds")
  private Double deviceSeconds;

  private Double cost;

  @Column(name = "estimate_seconds")
  private Double estimateSeconds;

  private String error;
  private String warnings;
  private String notes;

  @Column(name = "reproduced_exactly")
  private Boolean reproducedExactly;

  @Column(name = "reproduction_note")
  private String reproductionNote;

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "run_tags", joinColumns = @JoinColumn(name = "run_id"))
  @Column(name = "tag")
  private Set<String> tags = new HashSet<>();

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "run_outputs", joinColumns = @JoinColumn(name = "run_id"))
  @OrderBy("index")
  private List<OutputEmbeddable> outputs = new ArrayList<>();

  protected RunEntity() {}

  public RunEntity(
      long sessionId,
      long experimentId,
      long userId,
      Long parentId,
      RunParameters p,
      double estimateSeconds,
      Instant createdAt) {
    this.sessionId = sessionId;
    this.experimentId = experimentId;
    this.userId = userId;
    this.parentId = parentId;
    this.status = RunStatus.QUEUED;
    this.prompt = p.prompt();
    this.negativePrompt = p.negativePrompt();
    this.modelName = p.modelName();
    this.modelHash = p.modelHash();
    this.sampler = p.sampler();
    this.schedule = p.schedule();
    this.eta = p.eta();
    this.steps = p.steps();
    this.cfg = p.cfg();
    this.width = p.width();
    this.height = p.height();
    this.batch = p.batch();
    this.seed = p.seed();
    this.rng = p.rng();
    this.clipSkip = p.clipSkip();
    this.strength = p.strength();
    this.initImage = p.initImage();
    this.maskImage = p.maskImage();
    this.estimateSeconds = estimateSeconds;
    this.createdAt = createdAt;
  }

  public Long id() {
    return id;
  }

  public RunStatus status() {
    return status;
  }

  public long sessionId() {
    return sessionId;
  }

  public long experimentId() {
    return experimentId;
  }

  public void start(Instant now) {
    requireStatus(RunStatus.QUEUED);
    status = RunStatus.RUNNING;
    startedAt = now;
    queueWaitSeconds = (now.toEpochMilli() - createdAt.toEpochMilli()) / 1000.0;
  }

  public void succeed(RunCompletion completion, Instant now) {
    requireStatus(RunStatus.RUNNING);
    status = RunStatus.SUCCEEDED;
    finishedAt = now;
    engineVersion = completion.engineVersion();
    device = completion.device();
    precision = completion.precision();
    RunTimings t = completion.timings();
    loadSeconds = t.load();
    tokenizeSeconds = t.tokenize();
    encodeSeconds = t.encode();
    samplingSeconds = t.sampling();
    decodeSeconds = t.decode();
    totalSeconds = t.total();
    stepSeconds =
        t.steps().stream()
            .map(s -> String.format(Locale.ROOT, "%.4f", s))
            .collect(Collectors.joining(","));
    peakRssBytes = completion.peakRssBytes();
    peakDeviceBytes = completion.peakDeviceBytes();
    deviceSeconds = completion.deviceSeconds();
    cost = completion.cost();
    warnings = truncate(String.join("\n", completion.warnings()));
    outputs = new ArrayList<>(completion.outputs().stream().map(OutputEmbeddable::new).toList());
  }

  /** A failed or cancelled run keeps its reason; it may end from QUEUED or RUNNING. */
  public void end(RunStatus outcome, String reason, Instant now) {
    if (status.finished()) {
      return;
    }
    status = outcome;
    finishedAt = now;
    error = truncate(reason);
  }

  public void reproduction(Boolean exactly, String note) {
    reproducedExactly = exactly;
    reproductionNote = truncate(note);
  }

  public void tags(Set<String> newTags) {
    tags = new HashSet<>(newTags);
  }

  public void notes(String text) {
    notes = text;
  }

  private void requireStatus(RunStatus expected) {
    if (status != expected) {
      throw new IllegalStateException("run " + id + " is " + status + ", not " + expected);
    }
  }

  private static String truncate(String text) {
    return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…";
  }

  public Run toRun(String experimentName) {
    List<Double> steps =
        stepSeconds == null || stepSeconds.isEmpty()
            ? List.of()
            : Arrays.stream(stepSeconds.split(",")).map(Double::valueOf).toList();
    return new Run(
        id,
        sessionId,
        experimentId,
        experimentName,
        userId,
        parentId,
        status,
        new RunParameters(
            prompt,
            negativePrompt,
            modelName,
            modelHash,
            sampler,
            schedule,
            eta,
            this.steps,
            cfg,
            width,
            height,
            batch,
            seed,
            rng,
            clipSkip,
            strength,
            initImage,
            maskImage),
        engineVersion,
        device,
        precision,
        createdAt,
        startedAt,
        finishedAt,
        new RunTimings(
            queueWaitSeconds,
            loadSeconds,
            tokenizeSeconds,
            encodeSeconds,
            samplingSeconds,
            decodeSeconds,
            totalSeconds,
            steps),
        peakRssBytes,
        peakDeviceBytes,
        deviceSeconds,
        cost,
        estimateSeconds,
        error,
        warnings == null || warnings.isEmpty() ? List.of() : List.of(warnings.split("\n")),
        notes,
        Set.copyOf(tags),
        outputs.stream().map(OutputEmbeddable::toOutput).toList(),
        reproducedExactly,
        reproductionNote);
  }
}
