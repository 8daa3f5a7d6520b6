package com.diffusionlab.sessions;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The limit a job ran into, with the figures: what the session allows, what the job asked for, and
 * for the budget and concurrency what is already used and reserved.
 *
 * @param name the quota field, as an administrator sets it: {@code budgetDeviceSeconds}, {@code
 *     maxConcurrentJobs}, {@code maxPixels}, {@code maxSteps} or {@code maxBatch}
 * @param allowed the session's limit
 * @param requested what this job asks for (device-seconds estimated, one more job, pixels, …)
 * @param used spent already: device-seconds of ended jobs, or jobs queued or running
 * @param reserved device-seconds held for queued and running jobs until they end
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QuotaLimit(
    String name, Number allowed, Number requested, Number used, Number reserved) {

  static QuotaLimit of(String name, Number allowed, Number requested) {
    return new QuotaLimit(name, allowed, requested, null, null);
  }
}
