package com.diffusionlab.tracking;

import com.diffusionlab.NotFoundException;
import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.identity.LabUser;
import com.diffusionlab.identity.Relation;
import com.diffusionlab.sessions.SessionService;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

/**
 * Applies {@link RunAction#RULES} to a run: its submitter is its owner, the members of its session
 * are its members. The services ask it before they act, so the UI and the API refuse the same.
 */
@Service
public class RunAccess {

  private final SessionService sessions;
  private final IdentityService identity;
  private final ApplicationEventPublisher events;

  RunAccess(SessionService sessions, IdentityService identity, ApplicationEventPublisher events) {
    this.events = events;
    this.sessions = sessions;
    this.identity = identity;
  }

  public Relation relation(Run run, LabUser user) {
    return Relation.of(user, run.userId(), sessions.isMember(run.sessionId(), user));
  }

  /** Whether the signed-in user may take the action: for the UI to offer it or not. */
  public boolean allows(Run run, RunAction action) {
    LabUser user = identity.current();
    return RunAction.RULES.allows(user, relation(run, user), action);
  }

  /**
   * @throws NotFoundException when the signed-in user may not see the run
   * @throws AccessDeniedException when they may see it but not take the action
   */
  public void require(Run run, RunAction action) {
    LabUser user = identity.current();
    RunAction.RULES.require(user, relation(run, user), action, "run " + run.id(), events);
  }
}
