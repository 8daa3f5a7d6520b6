package com.diffusionlab.tracking.internal;

import com.diffusionlab.tracking.GenerationSettings;
import com.diffusionlab.tracking.PartialWork;
import com.diffusionlab.tracking.Run;
import com.diffusionlab.tracking.RunCompletion;
import com.diffusionlab.tracking.RunEstimate;
import com.diffusionlab.tracking.RunLifecycle;
import com.diffusionlab.tracking.RunOutput;
import com.diffusionlab.tracking.RunStatus;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embedded;
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
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongFunction;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.OptimisticLock;
import org.hibernate.type.SqlTypes;

/**
 * A run as stored; its lifecycle methods are the only way its status changes, each checked against
 * {@link RunLifecycle}. The version makes two status changes that started from the same state
 * collide: the later commit fails instead of overwriting the first (a cancel and a finishing worker
 * cannot both win). Tags, notes and experiments are not part of it: editing them while a run works
 * must not make the worker's result collide.
 */
@Entity
@Table(name = "runs")
public class RunEntity {
  private static final int MAX_TEXT = 4000;

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "session_id")
  private long sessionId;

  @Column(name = "user_id")
  private long userId;

  @Column(name = "parent_id")
  private Long parentId;

  @Enumerated(EnumType.STRING)
  private RunStatus status;

  @Version private long version;

  /** 0 before the run first starts; each start (the first, and every retry) counts one. */
  private int attempt;

  /** The node that runs or ran it (its last attempt). */
  private String node;

  @Column(name = "cancel_requested")
  private boolean cancelRequested;

  @Embedded private SettingsColumns settings;

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

  @Embedded private TimingColumns timings;

  @Column(name = "peak_rss_bytes")
  private Long peakRssBytes;

  @Column(name = "peak_device_bytes")
  private Long peakDeviceBytes;

  @Column(name = "device_seconds")
  private Double deviceSeconds;

  private Double cost;

  @Column(name = "estimate_seconds")
  private Double estimateSeconds;

  @Embedded private EstimateColumns estimate;

  private String error;

  @JdbcTypeCode(SqlTypes.ARRAY)
  @Column(name = "warning_messages")
  private String[] warnings;

  @OptimisticLock(excluded = true)
  private String notes;

  @Column(name = "reproduced_exactly")
  private Boolean reproducedExactly;

  @Column(name = "reproduction_note")
  private String reproductionNote;

  @OptimisticLock(excluded = true)
  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "run_tags", joinColumns = @JoinColumn(name = "run_id"))
  @Column(name = "tag")
  private Set<String> tags = new HashSet<>();

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "run_outputs", joinColumns = @JoinColumn(name = "run_id"))
  @OrderBy("index")
  private List<OutputEmbeddable> outputs = new ArrayList<>();

  @OptimisticLock(excluded = true)
  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "experiment_runs", joinColumns = @JoinColumn(name = "run_id"))
  @Column(name = "experiment_id")
  private Set<Long> experimentIds = new HashSet<>();

  protected RunEntity() {}

  public RunEntity(
      long sessionId,
      long experimentId,
      long userId,
      Long parentId,
      GenerationSettings recorded,
      double estimateSeconds,
      RunEstimate estimate,
      Instant createdAt) {
    this.sessionId = sessionId;
    this.experimentIds.add(experimentId);
    this.userId = userId;
    this.parentId = parentId;
    this.status = RunStatus.QUEUED;
    this.settings = new SettingsColumns(recorded);
    this.estimateSeconds = estimateSeconds;
    this.estimate = new EstimateColumns(estimate);
    this.createdAt = createdAt;
  }

  /**
   * A run recorded elsewhere and imported here in the state it ended in, with its figures and
   * outputs; it belongs to this workspace's session, experiments and user.
   */
  public static RunEntity imported(
      Run source,
      long sessionId,
      Set<Long> experimentIds,
      long userId,
      Long parentId,
      List<RunOutput> outputs) {
    RunEntity entity = new RunEntity();
    entity.sessionId = sessionId;
    entity.experimentIds = new HashSet<>(experimentIds);
    entity.userId = userId;
    entity.parentId = parentId;
    entity.status = source.status().finished() ? source.status() : RunStatus.FAILED;
    entity.settings = new SettingsColumns(source.settings());
    entity.engineVersion = source.engineVersion();
    entity.device = source.device();
    entity.precision = source.precision();
    entity.createdAt = source.createdAt();
    entity.startedAt = source.startedAt();
    entity.finishedAt = source.finishedAt();
    entity.timings = new TimingColumns();
    entity.timings.recorded(source.timings());
    entity.peakRssBytes = source.peakRssBytes();
    entity.peakDeviceBytes = source.peakDeviceBytes();
    entity.deviceSeconds = source.deviceSeconds();
    entity.cost = source.cost();
    entity.estimateSeconds = source.estimateSeconds();
    entity.estimate =
        new EstimateColumns(source.estimate() == null ? RunEstimate.NONE : source.estimate());
    entity.error =
        source.status().finished()
            ? truncate(source.error())
            : "not finished when it was exported (" + source.status() + ")";
    entity.warnings = source.warnings().stream().map(RunEntity::truncate).toArray(String[]::new);
    entity.notes = source.notes();
    entity.tags = new HashSet<>(source.tags());
    entity.outputs = new ArrayList<>(outputs.stream().map(OutputEmbeddable::new).toList());
    entity.reproducedExactly = source.reproducedExactly();
    entity.reproductionNote = truncate(source.reproductionNote());
    return entity;
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

  public Set<Long> experimentIds() {
    return Set.copyOf(experimentIds);
  }

  public int attempt() {
    return attempt;
  }

  public String node() {
    return node;
  }

  public boolean cancelRequested() {
    return cancelRequested;
  }

  /** A worker on {@code node} starts its next attempt: the queue wait counts until now. */
  public void start(Instant now, String workerNode) {
    moveTo(RunStatus.RUNNING);
    attempt++;
    node = workerNode;
    startedAt = now;
    timings = TimingColumns.waited((now.toEpochMilli() - createdAt.toEpochMilli()) / 1000.0);
  }

  /** Back to the queue after its worker died: what the attempt measured is dropped. */
  public void requeue() {
    moveTo(RunStatus.QUEUED);
    startedAt = null;
    timings = null;
  }

  /**
   * Asks the worker that runs (or is about to run) it to stop; the worker ends it as cancelled
   * within a step.
   */
  public void requestCancel() {
    if (status.finished()) {
      throw new IllegalStateException("run " + id + " has ended (" + status + ")");
    }
    cancelRequested = true;
  }

  public void succeed(RunCompletion completion, Instant now) {
    moveTo(RunStatus.SUCCEEDED);
    finishedAt = now;
    engineVersion = completion.engineVersion();
    device = completion.device();
    precision = completion.precision();
    timings().measured(completion.timings());
    peakRssBytes = completion.peakRssBytes();
    peakDeviceBytes = completion.peakDeviceBytes();
    deviceSeconds = completion.deviceSeconds();
    cost = completion.cost();
    warnings = completion.warnings().stream().map(RunEntity::truncate).toArray(String[]::new);
    outputs = new ArrayList<>(completion.outputs().stream().map(OutputEmbeddable::new).toList());
  }

  /**
   * A failed or cancelled run keeps its reason and what it had done; it may end from QUEUED or
   * RUNNING.
   */
  public void end(RunStatus outcome, String reason, PartialWork work, Instant now) {
    if (outcome != RunStatus.FAILED && outcome != RunStatus.CANCELLED) {
      throw new IllegalArgumentException("outcome=" + outcome + ": FAILED or CANCELLED");
    }
    moveTo(outcome);
    finishedAt = now;
    error = truncate(reason);
    if (work != null) {
      engineVersion = work.engineVersion();
      device = work.device();
      precision = work.precision();
      timings().measured(work.timings());
      peakRssBytes = work.peakRssBytes();
      deviceSeconds = work.deviceSeconds();
      cost = work.cost();
    }
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

  /** Joins an experiment; with {@code leaving}, leaves that one (a move). */
  public void joinExperiment(long experimentId, Long leaving) {
    if (leaving != null) {
      experimentIds.remove(leaving);
    }
    experimentIds.add(experimentId);
  }

  /** Hibernate loads an embeddable whose columns are all null (a queued run's) as null. */
  private TimingColumns timings() {
    if (timings == null) {
      timings = new TimingColumns();
    }
    return timings;
  }

  private void moveTo(RunStatus next) {
    RunLifecycle.require(id, status, next);
    status = next;
  }

  private static String truncate(String text) {
    return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…";
  }

  /**
   * @param experimentNames the name of an experiment by id (the caller caches them)
   */
  public Run toRun(LongFunction<String> experimentNames) {
    return new RunColumns(
            id,
            sessionId,
            userId,
            parentId,
            status,
            settings,
            engineVersion,
            device,
            precision,
            createdAt,
            startedAt,
            finishedAt,
            timings,
            peakRssBytes,
            peakDeviceBytes,
            deviceSeconds,
            cost,
            estimateSeconds,
            estimate,
            error,
            warnings,
            notes,
            reproducedExactly,
            reproductionNote)
        .toRun(
            experimentIds,
            experimentNames,
            tags,
            outputs.stream().map(OutputEmbeddable::toOutput).toList());
  }
}
