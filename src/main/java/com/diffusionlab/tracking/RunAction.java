package com.diffusionlab.tracking;

import com.diffusionlab.identity.AccessRules;
import com.diffusionlab.identity.Relation;

/** What one does to a run; {@link #RULES} says who may ({@link RunAccess} applies them). */
public enum RunAction {
  /** See it: its record, history, place in the queue, and it among runs listed or compared. */
  READ,
  /** Replace its tags. */
  TAG,
  /** Replace its notes. */
  ANNOTATE,
  /** Stop it while it is queued or running. */
  CANCEL,
  /** Queue a new run with its settings, in its session (which the user must be able to use). */
  REPLAY,
  /** Take it into a report, table or bundle. */
  EXPORT,
  /** Download its images. */
  DOWNLOAD;

  public static final AccessRules<RunAction> RULES =
      AccessRules.of("run", READ)
          .allow(READ, Relation.ADMIN, Relation.OWNER, Relation.MEMBER)
          .allow(TAG, Relation.ADMIN, Relation.OWNER)
          .allow(ANNOTATE, Relation.ADMIN, Relation.OWNER)
          .allow(CANCEL, Relation.ADMIN, Relation.OWNER)
          .allow(REPLAY, Relation.ADMIN, Relation.OWNER, Relation.MEMBER)
          .allow(EXPORT, Relation.ADMIN, Relation.OWNER, Relation.MEMBER)
          .allow(DOWNLOAD, Relation.ADMIN, Relation.OWNER, Relation.MEMBER)
          .reading(EXPORT, DOWNLOAD)
          .build();
}
