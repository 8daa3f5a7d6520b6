package com.diffusionlab.sessions;

import java.time.Instant;
import java.util.Set;

/**
 * A sandbox to generate in: its owner, whether everyone may see and use it, its quota, its priority
 * among sessions that wait for a device, and the model versions it allows (by content hash; empty
 * means every approved model). Administrators change all of it and close sessions; a closed session
 * keeps its runs and admits no new ones.
 *
 * @param priority the session's weight when sessions share the devices: 2 gets twice the device
 *     time of 1 while both wait
 * @param draftsAllowed a sandbox: an administrator lets it run draft model versions (and replay
 *     runs of retired ones), not only approved ones
 * @param closedAt when an administrator closed it; null while it is open
 */
public record PlaygroundSession(
    long id,
    long ownerId,
    String ownerName,
    String name,
    boolean shared,
    Quota quota,
    int priority,
    Set<String> allowedModels,
    boolean draftsAllowed,
    Instant createdAt,
    Instant closedAt) {

  public static final int MIN_PRIORITY = 1;
  public static final int MAX_PRIORITY = 100;

  public boolean allows(String modelHash) {
    return allowedModels.isEmpty() || allowedModels.contains(modelHash);
  }

  public boolean closed() {
    return closedAt != null;
  }
}
