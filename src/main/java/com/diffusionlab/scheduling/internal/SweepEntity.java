package com.diffusionlab.scheduling.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A sweep as stored: its definition as launched, its axes and its estimate. */
@Entity
@Table(name = "sweeps")
public class SweepEntity {

  /** Where a sweep is in its life. */
  public enum Status {
    RUNNING,
    FINISHED,
    FAILED,
    CANCELLED
  }

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "experiment_id")
  private long experimentId;

  @Column(name = "session_id")
  private long sessionId;

  @Column(name = "owner_id")
  private long ownerId;

  private String name;
  private String definition;

  /** The axes as JSON: field and value labels of x, y and z. */
  private String axes;

  @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
  private Status status;

  @Column(name = "cell_count")
  private int cellCount;

  @Column(name = "estimate_seconds")
  private double estimateSeconds;

  @Column(name = "estimate_device_seconds")
  private double estimateDeviceSeconds;

  @Column(name = "estimate_cost")
  private double estimateCost;

  @Column(name = "estimate_peak_bytes")
  private long estimatePeakBytes;

  private String error;

  @Column(name = "created_at")
  private Instant createdAt;

  @Column(name = "finished_at")
  private Instant finishedAt;

  protected SweepEntity() {}

  public SweepEntity(
      long experimentId,
      long sessionId,
      long ownerId,
      String name,
      String definition,
      String axes,
      int cellCount,
      double estimateSeconds,
      double estimateDeviceSeconds,
      double estimateCost,
      long estimatePeakBytes,
      Instant createdAt) {
    this.experimentId = experimentId;
    this.sessionId = sessionId;
    this.ownerId = ownerId;
    this.name = name;
    this.definition = definition;
    this.axes = axes;
    this.status = Status.RUNNING;
    this.cellCount = cellCount;
    this.estimateSeconds = estimateSeconds;
    this.estimateDeviceSeconds = estimateDeviceSeconds;
    this.estimateCost = estimateCost;
    this.estimatePeakBytes = estimatePeakBytes;
    this.createdAt = createdAt;
  }

  public Long id() {
    return id;
  }

  public long experimentId() {
    return experimentId;
  }

  public long sessionId() {
    return sessionId;
  }

  public long ownerId() {
    return ownerId;
  }

  public String name() {
    return name;
  }

  public String definition() {
    return definition;
  }

  public String axes() {
    return axes;
  }

  public Status status() {
    return status;
  }

  public int cellCount() {
    return cellCount;
  }

  public double estimateSeconds() {
    return estimateSeconds;
  }

  public double estimateDeviceSeconds() {
    return estimateDeviceSeconds;
  }

  public double estimateCost() {
    return estimateCost;
  }

  public long estimatePeakBytes() {
    return estimatePeakBytes;
  }

  public String error() {
    return error;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant finishedAt() {
    return finishedAt;
  }

  /** Ends a running sweep; a sweep that has ended stays as it ended. */
  public void end(Status outcome, String reason, Instant now) {
    if (status == Status.RUNNING) {
      status = outcome;
      error = reason;
      finishedAt = now;
    }
  }
}
