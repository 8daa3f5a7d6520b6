package com.diffusionlab.scheduling.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;

/**
 * One cell of a sweep: its place on the axes, its settings as JSON (seed fixed at launch, so a
 * resumed cell runs what the first attempt would have) and the run that renders it, once submitted.
 */
@Entity
@Table(name = "sweep_cells")
public class SweepCellEntity {

  /** A cell by sweep and index. */
  @Embeddable
  public record Key(@Column(name = "sweep_id") long sweepId, @Column(name = "cell_index") int index)
      implements Serializable {}

  @EmbeddedId private Key key;

  private int x;
  private int y;
  private int z;

  @Column(name = "axis_values")
  private String axisValues;

  private String settings;

  @Column(name = "run_id")
  private Long runId;

  private int attempts;

  protected SweepCellEntity() {}

  public SweepCellEntity(
      long sweepId, int index, int x, int y, int z, String axisValues, String settings) {
    this.key = new Key(sweepId, index);
    this.x = x;
    this.y = y;
    this.z = z;
    this.axisValues = axisValues;
    this.settings = settings;
  }

  public long sweepId() {
    return key.sweepId();
  }

  public int index() {
    return key.index();
  }

  public int x() {
    return x;
  }

  public int y() {
    return y;
  }

  public int z() {
    return z;
  }

  public String axisValues() {
    return axisValues;
  }

  public String settings() {
    return settings;
  }

  public Long runId() {
    return runId;
  }

  public int attempts() {
    return attempts;
  }

  public void submitted(long run) {
    runId = run;
    attempts++;
  }

  /** Forgets a run that a restart interrupted, so that the cell runs again. */
  public void retry() {
    runId = null;
  }
}
