package com.diffusionlab.models.internal;

import com.diffusionlab.models.ApprovalChange;
import com.diffusionlab.models.ApprovalStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "model_approval_changes")
public class ApprovalChangeEntity {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "model_version_id")
  private long modelVersionId;

  @Enumerated(EnumType.STRING)
  @Column(name = "from_status")
  private ApprovalStatus from;

  @Enumerated(EnumType.STRING)
  @Column(name = "to_status")
  private ApprovalStatus to;

  private String actor;
  private String reason;

  @Column(name = "changed_at")
  private Instant changedAt;

  protected ApprovalChangeEntity() {}

  public ApprovalChangeEntity(
      long modelVersionId,
      ApprovalStatus from,
      ApprovalStatus to,
      String actor,
      String reason,
      Instant changedAt) {
    this.modelVersionId = modelVersionId;
    this.from = from;
    this.to = to;
    this.actor = actor;
    this.reason = reason;
    this.changedAt = changedAt;
  }

  public ApprovalChange toChange() {
    return new ApprovalChange(id, modelVersionId, from, to, actor, reason, changedAt);
  }
}
