package com.diffusionlab.sessions.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One job's line in its session's ledger (one per run): while the job is queued or running, the
 * device-seconds reserved for it (its estimate); once it has ended, what it used and cost.
 */
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

  @Column(name = "reserved_device_seconds")
  private double reservedDeviceSeconds;

  @Column(name = "device_seconds")
  private double deviceSeconds;

  private double cost;

  @Column(name = "recorded_at")
  private Instant recordedAt;

  @Column(name = "settled_at")
  private Instant settledAt;

  protected UsageEntry() {}

  private UsageEntry(long sessionId, long runId, double reservedDeviceSeconds, Instant now) {
    this.sessionId = sessionId;
    this.runId = runId;
    this.reservedDeviceSeconds = reservedDeviceSeconds;
    this.recordedAt = now;
  }

  /** The estimate of an admitted job, held until it ends. */
  public static UsageEntry reservation(
      long sessionId, long runId, double estimatedDeviceSeconds, Instant now) {
    return new UsageEntry(sessionId, runId, estimatedDeviceSeconds, now);
  }

  public boolean settled() {
    return settledAt != null;
  }

  /** The job has ended: the reservation gives way to what it used. */
  public void settle(double usedDeviceSeconds, double usedCost, Instant now) {
    this.reservedDeviceSeconds = 0;
    this.deviceSeconds = usedDeviceSeconds;
    this.cost = usedCost;
    this.settledAt = now;
  }
}
