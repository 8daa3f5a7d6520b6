package com.diffusionlab.sessions;

/**
 * A job asking a session for room: what the session's limits apply to, and the device time it is
 * expected to use, which is reserved from the budget until the job ends.
 *
 * @param modelHash the model version's content hash
 */
public record SessionJob(
    String modelHash, int width, int height, int steps, int batch, double estimatedDeviceSeconds) {

  public SessionJob {
    if (!(estimatedDeviceSeconds >= 0) || Double.isInfinite(estimatedDeviceSeconds)) {
      throw new IllegalArgumentException(
          "estimatedDeviceSeconds="
              + estimatedDeviceSeconds
              + " is not a finite figure of 0 or more");
    }
  }

  public long pixels() {
    return (long) width * height;
  }
}
