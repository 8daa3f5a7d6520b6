package com.diffusionlab.artifacts.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/** That a user uploaded an image: what lets them read it before any run uses it. */
@Entity
@Table(name = "artifact_uploads")
public class ArtifactUploadEntity {

  /** An image and one of its uploaders. */
  @Embeddable
  public record Key(@Column(name = "sha256") String sha256, @Column(name = "user_id") long userId)
      implements Serializable {}

  @EmbeddedId private Key key;

  @Column(name = "uploaded_at")
  private Instant uploadedAt;

  protected ArtifactUploadEntity() {}

  public ArtifactUploadEntity(Key key, Instant uploadedAt) {
    this.key = key;
    this.uploadedAt = uploadedAt;
  }
}
