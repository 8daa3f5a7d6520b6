package com.diffusionlab.tracking.internal;

import com.diffusionlab.tracking.Experiment;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "experiments")
public class ExperimentEntity {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "session_id")
  private long sessionId;

  private String name;
  private String description;

  @Column(name = "created_by")
  private long createdBy;

  @Column(name = "created_at")
  private Instant createdAt;

  protected ExperimentEntity() {}

  public ExperimentEntity(
      long sessionId, String name, String description, long createdBy, Instant createdAt) {
    this.sessionId = sessionId;
    this.name = name;
    this.description = description;
    this.createdBy = createdBy;
    this.createdAt = createdAt;
  }

  public Experiment toExperiment() {
    return new Experiment(id, sessionId, name, description, createdAt);
  }

  public Long id() {
    return id;
  }
}
