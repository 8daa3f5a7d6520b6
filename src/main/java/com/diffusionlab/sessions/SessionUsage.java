package com.diffusionlab.sessions;

/** What a session has spent against its quota. */
public record SessionUsage(double usedDeviceSeconds, double cost, double budgetDeviceSeconds) {

  public double remainingDeviceSeconds() {
    return Math.max(0, budgetDeviceSeconds - usedDeviceSeconds);
  }

  public double fraction() {
    return Math.min(1, usedDeviceSeconds / budgetDeviceSeconds);
  }
}
