package com.diffusionlab.sessions.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One finished job's charge to its session. */
@Entity
@Table(name = "usage_ledger")
public class UsageEntry {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "session_id")
  private long sessionId;

  @Column(name = "run_id")
  private long runId;

  @Column(name = "device_seconds")
  private double deviceSeconds;

  private double cost;

  @Column(name = "recorded_at")
  private Instant recordedAt;

  protected UsageEntry() {}

  public UsageEntry(
      long sessionId, long runId, double deviceSeconds, double cost, Instant recordedAt) {
    this.sessionId = sessionId;
    this.runId = runId;
    this.deviceSeconds = deviceSeconds;
    this.cost = cost;
    this.recordedAt = recordedAt;
  }
}
