package com.diffusionlab.scheduling;

import com.diffusionlab.identity.AccessRules;
import com.diffusionlab.identity.Relation;

/**
 * What one does to a sweep; {@link #RULES} says who may. Its launcher owns it, the members of its
 * session are its members.
 */
public enum SweepAction {
  /** See it and its grid of runs. */
  READ,
  /** Stop it: no more cells are queued, and its queued and running runs are cancelled. */
  CANCEL,
  /** Download its grid as one PNG. */
  DOWNLOAD;

  public static final AccessRules<SweepAction> RULES =
      AccessRules.of("sweep", READ)
          .allow(READ, Relation.ADMIN, Relation.OWNER, Relation.MEMBER)
          .allow(CANCEL, Relation.ADMIN, Relation.OWNER)
          .allow(DOWNLOAD, Relation.ADMIN, Relation.OWNER, Relation.MEMBER)
          .reading(DOWNLOAD)
          .build();
}
