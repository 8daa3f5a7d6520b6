package com.diffusionlab.sessions.internal;

import com.diffusionlab.sessions.PlaygroundSession;
import com.diffusionlab.sessions.Quota;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

@Entity
@Table(name = "playground_sessions")
public class SessionEntity {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "owner_id")
  private long ownerId;

  private String name;
  private boolean shared;

  @Column(name = "budget_device_seconds")
  private double budgetDeviceSeconds;

  @Column(name = "max_concurrent_jobs")
  private int maxConcurrentJobs;

  @Column(name = "max_pixels")
  private int maxPixels;

  @Column(name = "max_steps")
  private int maxSteps;

  @Column(name = "max_batch")
  private int maxBatch;

  private int priority;

  /** The owner's id on their own default playground (unique: one each), null on any other. */
  @Column(name = "default_for")
  private Long defaultFor;

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "session_allowed_models", joinColumns = @JoinColumn(name = "session_id"))
  @Column(name = "model_hash")
  private Set<String> allowedModels = new HashSet<>();

  @Column(name = "created_at")
  private Instant createdAt;

  @Column(name = "closed_at")
  private Instant closedAt;

  @Column(name = "drafts_allowed")
  private boolean draftsAllowed;

  protected SessionEntity() {}

  public SessionEntity(
      long ownerId,
      String name,
      boolean shared,
      Quota quota,
      int priority,
      Set<String> allowedModels,
      Instant createdAt) {
    this.ownerId = ownerId;
    this.name = name;
    this.shared = shared;
    this.priority = priority;
    quota(quota);
    this.allowedModels = new HashSet<>(allowedModels);
    this.createdAt = createdAt;
  }

  /** The owner's own playground: private, one per owner. */
  public static SessionEntity defaultFor(long ownerId, String name, Quota quota, Instant now) {
    SessionEntity entity = new SessionEntity(ownerId, name, false, quota, 1, Set.of(), now);
    entity.defaultFor = ownerId;
    return entity;
  }

  public long ownerId() {
    return ownerId;
  }

  public Quota quota() {
    return new Quota(budgetDeviceSeconds, maxConcurrentJobs, maxPixels, maxSteps, maxBatch);
  }

  public void quota(Quota quota) {
    this.budgetDeviceSeconds = quota.budgetDeviceSeconds();
    this.maxConcurrentJobs = quota.maxConcurrentJobs();
    this.maxPixels = quota.maxPixels();
    this.maxSteps = quota.maxSteps();
    this.maxBatch = quota.maxBatch();
  }

  public void rename(String newName) {
    this.name = newName;
  }

  public boolean shared() {
    return shared;
  }

  public void shared(boolean value) {
    this.shared = value;
  }

  public void priority(int value) {
    this.priority = value;
  }

  public void allowedModels(Set<String> hashes) {
    allowedModels.clear();
    allowedModels.addAll(hashes);
  }

  public void draftsAllowed(boolean value) {
    this.draftsAllowed = value;
  }

  public void close(Instant now) {
    if (closedAt == null) {
      closedAt = now;
    }
  }

  public void reopen() {
    closedAt = null;
  }

  public PlaygroundSession toSession(String ownerName) {
    return new PlaygroundSession(
        id,
        ownerId,
        ownerName,
        name,
        shared,
        quota(),
        priority,
        Set.copyOf(allowedModels),
        draftsAllowed,
        createdAt,
        closedAt);
  }
}
