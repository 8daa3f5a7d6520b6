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

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "session_allowed_models", joinColumns = @JoinColumn(name = "session_id"))
  @Column(name = "model_hash")
  private Set<String> allowedModels = new HashSet<>();

  @Column(name = "created_at")
  private Instant createdAt;

  protected SessionEntity() {}

  public SessionEntity(
      long ownerId,
      String name,
      boolean shared,
      Quota quota,
      Set<String> allowedModels,
      Instant createdAt) {
    this.ownerId = ownerId;
    this.name = name;
    this.shared = shared;
    this.budgetDeviceSeconds = quota.budgetDeviceSeconds();
    this.maxConcurrentJobs = quota.maxConcurrentJobs();
    this.maxPixels = quota.maxPixels();
    this.maxSteps = quota.maxSteps();
    this.maxBatch = quota.maxBatch();
    this.allowedModels = new HashSet<>(allowedModels);
    this.createdAt = createdAt;
  }

  public long ownerId() {
    return ownerId;
  }

  public Quota quota() {
    return new Quota(budgetDeviceSeconds, maxConcurrentJobs, maxPixels, maxSteps, maxBatch);
  }

  public PlaygroundSession toSession(String ownerName) {
    return new PlaygroundSession(
        id, ownerId, ownerName, name, shared, quota(), Set.copyOf(allowedModels), createdAt);
  }
}
