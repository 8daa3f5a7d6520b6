package com.diffusionlab.sessions;

import com.diffusionlab.engine.FieldError;
import com.diffusionlab.engine.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a playground session may spend: device time in all, and per job concurrency, image size,
 * steps and batch. Every field is checked at once; a refusal names each bad one.
 */
public record Quota(
    double budgetDeviceSeconds, int maxConcurrentJobs, int maxPixels, int maxSteps, int maxBatch) {

  public static final double MAX_BUDGET = 1e9;

  public Quota {
    List<FieldError> errors = new ArrayList<>();
    check(
        errors,
        "budgetDeviceSeconds",
        budgetDeviceSeconds > 0 && budgetDeviceSeconds <= MAX_BUDGET,
        budgetDeviceSeconds,
        "more than 0, at most 1000000000");
    check(
        errors,
        "maxConcurrentJobs",
        maxConcurrentJobs >= 1 && maxConcurrentJobs <= 64,
        maxConcurrentJobs,
        "1 to 64");
    check(
        errors,
        "maxPixels",
        maxPixels >= 64 * 64 && maxPixels <= 4096 * 4096,
        maxPixels,
        "4096 (64×64) to 16777216 (4096×4096)");
    check(errors, "maxSteps", maxSteps >= 1 && maxSteps <= 1000, maxSteps, "1 to 1000");
    check(errors, "maxBatch", maxBatch >= 1 && maxBatch <= 16, maxBatch, "1 to 16");
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
  }

  /** The largest square side within {@link #maxPixels}, as people think of image sizes. */
  public int maxSide() {
    return (int) Math.sqrt(maxPixels);
  }

  private static void check(
      List<FieldError> errors, String field, boolean ok, Object value, String allowed) {
    if (!ok) {
      errors.add(new FieldError(field, String.valueOf(value), allowed));
    }
  }
}
