package com.diffusionlab.artifacts.internal;

import com.diffusionlab.artifacts.Artifact;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "artifacts")
public class ArtifactEntity {
  @Id private String sha256;

  @Column(name = "media_type")
  private String mediaType;

  @Column(name = "size_bytes")
  private long sizeBytes;

  private Integer width;
  private Integer height;

  @Column(name = "created_at")
  private Instant createdAt;

  protected ArtifactEntity() {}

  public ArtifactEntity(
      String sha256,
      String mediaType,
      long sizeBytes,
      Integer width,
      Integer height,
      Instant createdAt) {
    this.sha256 = sha256;
    this.mediaType = mediaType;
    this.sizeBytes = sizeBytes;
    this.width = width;
    this.height = height;
    this.createdAt = createdAt;
  }

  public Artifact toArtifact() {
    return new Artifact(sha256, mediaType, sizeBytes, width, height);
  }
}
