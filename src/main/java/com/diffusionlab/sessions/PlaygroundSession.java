package com.diffusionlab.sessions;

import java.time.Instant;
import java.util.Set;

/**
 * A sandbox to generate in: its owner, whether everyone may see and use it, its quota, and the
 * model versions it allows (by content hash; empty means every approved model).
 */
public record PlaygroundSession(
    long id,
    long ownerId,
    String ownerName,
    String name,
    boolean shared,
    Quota quota,
    Set<String> allowedModels,
    Instant createdAt) {

  public boolean allows(String modelHash) {
    return allowedModels.isEmpty() || allowedModels.contains(modelHash);
  }
}
