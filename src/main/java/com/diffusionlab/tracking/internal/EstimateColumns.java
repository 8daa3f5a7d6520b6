package com.diffusionlab.tracking.internal;

import com.diffusionlab.tracking.RunEstimate;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** A run's estimate beyond its seconds, as stored: a column per figure. */
@Embeddable
public class EstimateColumns {

  @Column(name = "estimate_seconds_low")
  private Double secondsLow;

  @Column(name = "estimate_seconds_high")
  private Double secondsHigh;

  @Column(name = "estimate_peak_bytes")
  private Long peakMemoryBytes;

  @Column(name = "estimate_device_seconds")
  private Double deviceSeconds;

  @Column(name = "estimate_basis")
  private String basis;

  protected EstimateColumns() {}

  EstimateColumns(RunEstimate estimate) {
    secondsLow = estimate.secondsLow();
    secondsHigh = estimate.secondsHigh();
    peakMemoryBytes = estimate.peakMemoryBytes();
    deviceSeconds = estimate.deviceSeconds();
    basis = estimate.basis();
  }

  /** Hibernate reads an embeddable whose columns are all null (an older run's) as null. */
  static RunEstimate toEstimate(EstimateColumns columns) {
    return columns == null
        ? RunEstimate.NONE
        : new RunEstimate(
            columns.secondsLow,
            columns.secondsHigh,
            columns.peakMemoryBytes,
            columns.deviceSeconds,
            columns.basis);
  }
}
