package com.diffusionlab.tracking;

import com.diffusionlab.identity.AccessRules;
import com.diffusionlab.identity.Relation;

/** What one does to an experiment; {@link #RULES} says who may. */
public enum ExperimentAction {
  /** See it, its figures and its sweeps (of its runs, those the user may see). */
  READ,
  /** Rename, describe or tag it; put runs into it or move them out. */
  CHANGE,
  /** Take it into a report, table or bundle. */
  EXPORT;

  public static final AccessRules<ExperimentAction> RULES =
      AccessRules.of("experiment", READ)
          .allow(READ, Relation.ADMIN, Relation.OWNER, Relation.MEMBER)
          .allow(CHANGE, Relation.ADMIN, Relation.OWNER)
          .allow(EXPORT, Relation.ADMIN, Relation.OWNER, Relation.MEMBER)
          .reading(EXPORT)
          .build();
}
