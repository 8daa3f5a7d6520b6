package com.diffusionlab.identity;

/**
 * How a user stands to an object: the terms in which every kind of object's rules ({@link
 * AccessRules}) are written. A user has the first relation that applies.
 */
public enum Relation {
  /** An administrator, to any object. */
  ADMIN,
  /** The user who made the object (a run's submitter, an experiment's or a sweep's creator). */
  OWNER,
  /**
   * A member of the object's session: its owner, or, for a shared session, every signed-in user.
   */
  MEMBER,
  /** Anyone else: for them the object does not exist. */
  OUTSIDER;

  /**
   * @param ownerId the object's owner
   * @param member whether the user is a member of the object's session (or of whatever else makes
   *     them one)
   */
  public static Relation of(LabUser user, long ownerId, boolean member) {
    if (user.role() == Role.ADMIN) {
      return ADMIN;
    }
    if (user.id() == ownerId) {
      return OWNER;
    }
    return member ? MEMBER : OUTSIDER;
  }
}
