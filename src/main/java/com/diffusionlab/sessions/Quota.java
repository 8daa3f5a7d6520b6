package com.diffusionlab.sessions;

import com.diffusionlab.engine.InvalidRequestException;

/**
 * What a playground session may spend: device time in all, and per job concurrency, image size,
 * steps and batch.
 */
public record Quota(
    double budgetDeviceSeconds, int maxConcurrentJobs, int maxPixels, int maxSteps, int maxBatch) {

  /** A researcher's default playground: an hour of device time, 512×512, 50 steps, batch 4. */
  public static Quota standard() {
    return new Quota(3600, 2, 512 * 512, 50, 4);
  }

  public Quota {
    check(
        "budgetDeviceSeconds",
        budgetDeviceSeconds > 0 && budgetDeviceSeconds <= 1e9,
        budgetDeviceSeconds,
        "more than 0");
    check(
        "maxConcurrentJobs",
        maxConcurrentJobs >= 1 && maxConcurrentJobs <= 64,
        maxConcurrentJobs,
        "1 to 64");
    check(
        "maxPixels",
        maxPixels >= 64 * 64 && maxPixels <= 4096 * 4096,
        maxPixels,
        "4096 to 16777216");
    check("maxSteps", maxSteps >= 1 && maxSteps <= 1000, maxSteps, "1 to 1000");
    check("maxBatch", maxBatch >= 1 && maxBatch <= 16, maxBatch, "1 to 16");
  }

  private static void check(String field, boolean ok, Object value, String allowed) {
    if (!ok) {
      throw new InvalidRequestException(field, value, allowed);
    }
  }
}
