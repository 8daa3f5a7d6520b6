package com.diffusionlab.sessions;

/**
 * What a session has spent against its quota: device-seconds of the jobs that ended, and those
 * reserved (their estimates) for the jobs queued or running, which settle to what they use when
 * they end.
 *
 * @param activeJobs jobs queued or running
 */
public record SessionUsage(
    double usedDeviceSeconds,
    double reservedDeviceSeconds,
    double cost,
    double budgetDeviceSeconds,
    long activeJobs) {

  /** What a new job may still reserve. */
  public double remainingDeviceSeconds() {
    return Math.max(0, budgetDeviceSeconds - usedDeviceSeconds - reservedDeviceSeconds);
  }

  /** The share of the budget spent, 0 to 1. */
  public double fraction() {
    return Math.min(1, usedDeviceSeconds / budgetDeviceSeconds);
  }
}
