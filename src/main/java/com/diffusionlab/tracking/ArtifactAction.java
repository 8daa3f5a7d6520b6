package com.diffusionlab.tracking;

import com.diffusionlab.identity.AccessRules;
import com.diffusionlab.identity.Relation;

/**
 * What one does to a stored image, named by its hash; {@link #RULES} says who may ({@link
 * ArtifactAccess} applies them: its uploaders are its owners; whoever may download a run that
 * refers to it, or every image it was made from, is a member).
 */
public enum ArtifactAction {
  /** Download it. */
  READ,
  /** Name it as the init image or mask of a submission. */
  USE;

  public static final AccessRules<ArtifactAction> RULES =
      AccessRules.of("image", READ)
          .allow(READ, Relation.ADMIN, Relation.OWNER, Relation.MEMBER)
          .allow(USE, Relation.ADMIN, Relation.OWNER, Relation.MEMBER)
          .build();
}
