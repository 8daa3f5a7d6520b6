package com.diffusionlab.sessions;

import java.util.Set;

/**
 * What an administrator sets on a session. For an edit, null fields stay as they are; for a new
 * session they take the defaults (private, priority 1, the configured default quota, every approved
 * model), and the name is required.
 *
 * @param allowedModels content hashes of the model versions the session allows; empty for all
 * @param draftsAllowed whether it is a sandbox that runs draft model versions too
 */
public record SessionChanges(
    String name,
    Boolean shared,
    Integer priority,
    Double budgetDeviceSeconds,
    Integer maxConcurrentJobs,
    Integer maxPixels,
    Integer maxSteps,
    Integer maxBatch,
    Set<String> allowedModels,
    Boolean draftsAllowed) {

  /** A session of this name with this quota; the rest unset. */
  public static SessionChanges of(String name, Quota quota) {
    return new SessionChanges(
        name,
        null,
        null,
        quota.budgetDeviceSeconds(),
        quota.maxConcurrentJobs(),
        quota.maxPixels(),
        quota.maxSteps(),
        quota.maxBatch(),
        null,
        null);
  }

  public SessionChanges withShared(boolean value) {
    return new SessionChanges(
        name,
        value,
        priority,
        budgetDeviceSeconds,
        maxConcurrentJobs,
        maxPixels,
        maxSteps,
        maxBatch,
        allowedModels,
        draftsAllowed);
  }

  public SessionChanges withDraftsAllowed(boolean value) {
    return new SessionChanges(
        name,
        shared,
        priority,
        budgetDeviceSeconds,
        maxConcurrentJobs,
        maxPixels,
        maxSteps,
        maxBatch,
        allowedModels,
        value);
  }

  /** {@code base} with the quota fields this sets replaced. */
  Quota quota(Quota base) {
    return new Quota(
        budgetDeviceSeconds != null ? budgetDeviceSeconds : base.budgetDeviceSeconds(),
        maxConcurrentJobs != null ? maxConcurrentJobs : base.maxConcurrentJobs(),
        maxPixels != null ? maxPixels : base.maxPixels(),
        maxSteps != null ? maxSteps : base.maxSteps(),
        maxBatch != null ? maxBatch : base.maxBatch());
  }
}
