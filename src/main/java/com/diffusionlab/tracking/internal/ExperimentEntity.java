package com.diffusionlab.tracking.internal;

import com.diffusionlab.tracking.Experiment;
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

/** An experiment as stored: its name is unique among its owner's experiments. */
@Entity
@Table(name = "experiments")
public class ExperimentEntity {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "session_id")
  private long sessionId;

  @Column(name = "owner_id")
  private long ownerId;

  @Column(name = "created_by")
  private long createdBy;

  private String name;
  private String description;

  @Column(name = "created_at")
  private Instant createdAt;

  @Column(name = "updated_at")
  private Instant updatedAt;

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "experiment_tags", joinColumns = @JoinColumn(name = "experiment_id"))
  @Column(name = "tag")
  private Set<String> tags = new HashSet<>();

  protected ExperimentEntity() {}

  public ExperimentEntity(
      long sessionId, long ownerId, String name, String description, Instant createdAt) {
    this.sessionId = sessionId;
    this.ownerId = ownerId;
    this.createdBy = ownerId;
    this.name = name;
    this.description = description;
    this.createdAt = createdAt;
    this.updatedAt = createdAt;
  }

  public Experiment toExperiment(String ownerName) {
    return new Experiment(
        id,
        sessionId,
        ownerId,
        ownerName,
        name,
        description == null ? "" : description,
        Set.copyOf(tags),
        createdAt,
        updatedAt);
  }

  public Long id() {
    return id;
  }

  public long ownerId() {
    return ownerId;
  }

  public long sessionId() {
    return sessionId;
  }

  public String name() {
    return name;
  }

  public void rename(String newName, Instant now) {
    name = newName;
    updatedAt = now;
  }

  public void describe(String markdown, Instant now) {
    description = markdown;
    updatedAt = now;
  }

  public void tags(Set<String> newTags, Instant now) {
    tags = new HashSet<>(newTags);
    updatedAt = now;
  }

  public void touch(Instant now) {
    updatedAt = now;
  }
}
