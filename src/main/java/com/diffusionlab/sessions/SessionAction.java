package com.diffusionlab.sessions;

import com.diffusionlab.identity.AccessRules;
import com.diffusionlab.identity.LabUser;
import com.diffusionlab.identity.Relation;

/** What one does to a playground session; {@link #RULES} says who may. */
public enum SessionAction {
  /** See it, its quota and its usage. */
  READ,
  /** Generate in it: submissions, replays, sweeps, imports, experiments at home in it. */
  SUBMIT,
  /** Change its name, visibility, limits and models; close and reopen it. */
  ADMINISTER;

  public static final AccessRules<SessionAction> RULES =
      AccessRules.of("session", READ)
          .allow(READ, Relation.ADMIN, Relation.OWNER, Relation.MEMBER)
          .allow(SUBMIT, Relation.ADMIN, Relation.OWNER, Relation.MEMBER)
          .allow(ADMINISTER, Relation.ADMIN)
          .build();

  /** A shared session has every signed-in user for a member; a private one only its owner. */
  public static Relation relation(PlaygroundSession session, LabUser user) {
    return relation(session.ownerId(), session.shared(), user);
  }

  static Relation relation(long ownerId, boolean shared, LabUser user) {
    return Relation.of(user, ownerId, shared);
  }
}
