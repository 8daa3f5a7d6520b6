package com.diffusionlab.governance.internal.approval;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The golden-prompt sweep an approval ran, attached to the approval's history entry. */
@Entity
@Table(name = "model_golden_sweeps")
public class GoldenSweepEntity {
  @Id
  @Column(name = "change_id")
  private Long changeId;

  @Column(name = "model_version_id")
  private long modelVersionId;

  @Column(name = "sweep_id")
  private long sweepId;

  private String definition;

  protected GoldenSweepEntity() {}

  public GoldenSweepEntity(long changeId, long modelVersionId, long sweepId, String definition) {
    this.changeId = changeId;
    this.modelVersionId = modelVersionId;
    this.sweepId = sweepId;
    this.definition = definition;
  }

  public long changeId() {
    return changeId;
  }

  public long modelVersionId() {
    return modelVersionId;
  }

  public long sweepId() {
    return sweepId;
  }
}
