package com.diffusionlab;

import com.diffusionlab.identity.LabUser;
import com.diffusionlab.identity.Role;
import com.diffusionlab.sessions.PlaygroundSession;
import com.diffusionlab.sessions.Quota;
import com.diffusionlab.sessions.SessionChanges;
import com.diffusionlab.sessions.SessionService;

/** Sessions for tests, made the way the workspace makes them: by an administrator. */
public final class TestSessions {

  private TestSessions() {}

  /** A private session of {@code owner} with {@code quota}. */
  public static PlaygroundSession create(
      SessionService sessions, LabUser owner, String name, Quota quota) {
    return create(sessions, owner, SessionChanges.of(name, quota));
  }

  /** A session of {@code owner} as {@code settings} say. */
  public static PlaygroundSession create(
      SessionService sessions, LabUser owner, SessionChanges settings) {
    return TestUsers.call(
        "test-admin", Role.ADMIN, () -> sessions.create(owner.username(), settings));
  }
}
