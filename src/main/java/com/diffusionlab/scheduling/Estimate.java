package com.diffusionlab.scheduling;

import com.diffusionlab.tracking.RunEstimate;

/**
 * What a job is expected to take before it runs: wall seconds, peak memory, device-seconds and cost
 * at the configured price per device-hour, each with a band (low, high) it is expected to fall in
 * about eight times in ten.
 *
 * @param basis what the estimate comes from
 * @param basedOnRuns how many finished runs it learned from (0 for {@link Basis#PROBE})
 */
public record Estimate(
    double seconds,
    double secondsLow,
    double secondsHigh,
    long peakMemoryBytes,
    long peakMemoryLowBytes,
    long peakMemoryHighBytes,
    double deviceSeconds,
    double deviceSecondsLow,
    double deviceSecondsHigh,
    double cost,
    double costLow,
    double costHigh,
    Basis basis,
    int basedOnRuns) {

  /** What an estimate is based on, from the best to the roughest. */
  public enum Basis {
    /** This configuration's own runs on this device class (model version, size, batch, sampler). */
    HISTORY,
    /**
     * The model's runs in other configurations, scaled by the work the engine counts in its
     * architecture for this one.
     */
    MODEL,
    /** Other models' runs on this device class, scaled by the counted work. */
    DEVICE,
    /** The counted work at the device's measured speed: nothing has run here yet. */
    PROBE
  }

  /** What a run records of this estimate beside its seconds. */
  public RunEstimate recorded() {
    return new RunEstimate(secondsLow, secondsHigh, peakMemoryBytes, deviceSeconds, basis.name());
  }

  /** True when derived from this configuration's own recorded runs. */
  public boolean calibrated() {
    return basis == Basis.HISTORY;
  }
}
