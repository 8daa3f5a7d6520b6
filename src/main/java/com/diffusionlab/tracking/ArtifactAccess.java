package com.diffusionlab.tracking;

import com.diffusionlab.AuditEvent;
import com.diffusionlab.NotFoundException;
import com.diffusionlab.artifacts.ArtifactStore;
import com.diffusionlab.engine.InvalidRequestException;
import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.identity.LabUser;
import com.diffusionlab.identity.Permissions;
import com.diffusionlab.identity.Relation;
import com.diffusionlab.identity.Role;
import com.diffusionlab.sessions.SessionService;
import com.diffusionlab.tracking.internal.RunRepository;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies {@link ArtifactAction#RULES} to a stored image named by its hash. A hash is no secret (it
 * is in every PNG's parameters and every export), so knowing one grants nothing: the image is
 * readable by its uploaders, by whoever may download ({@link RunAction#DOWNLOAD}) a run that refers
 * to it, by whoever may read every image it was made from ({@link DerivedImages}), and by admins.
 */
@Service
public class ArtifactAccess {

  private final RunRepository runs;
  private final ArtifactStore artifacts;
  private final SessionService sessions;
  private final IdentityService identity;
  private final ObjectProvider<DerivedImages> derived;
  private final ApplicationEventPublisher events;

  ArtifactAccess(
      RunRepository runs,
      ArtifactStore artifacts,
      SessionService sessions,
      IdentityService identity,
      ObjectProvider<DerivedImages> derived,
      ApplicationEventPublisher events) {
    this.events = events;
    this.runs = runs;
    this.artifacts = artifacts;
    this.sessions = sessions;
    this.identity = identity;
    this.derived = derived;
  }

  /**
   * @throws NotFoundException when the image does not exist or the signed-in user may not read it
   *     (the same answer)
   */
  @PreAuthorize(Permissions.LOOK)
  @Transactional(readOnly = true)
  public void require(String sha256) {
    LabUser user = identity.current();
    ArtifactAction.RULES.require(
        user, relation(sha256, user), ArtifactAction.READ, "image " + sha256, events);
  }

  /** Whether the signed-in user may read the image. */
  @PreAuthorize(Permissions.LOOK)
  @Transactional(readOnly = true)
  public boolean mayRead(String sha256) {
    LabUser user = identity.current();
    return ArtifactAction.RULES.allows(user, relation(sha256, user), ArtifactAction.READ);
  }

  /**
   * Checks an image a submission names (its init image or mask).
   *
   * @param field the submission's field
   * @throws InvalidRequestException naming the field when the image does not exist or the user may
   *     not use it (the same answer)
   */
  @Transactional(readOnly = true)
  public void requireUsable(String sha256, String field, LabUser user) {
    if (!ArtifactAction.RULES.allows(user, relation(sha256, user), ArtifactAction.USE)) {
      events.publishEvent(
          AuditEvent.refused(
              "image.use", "image " + sha256, field + " names an image the user may not use"));
      throw new InvalidRequestException(
          field, sha256, "the SHA-256 of an image you uploaded or of one of a run you can see");
    }
  }

  private Relation relation(String sha256, LabUser user) {
    if (!ArtifactStore.isSha256(sha256) || artifacts.find(sha256).isEmpty()) {
      return Relation.OUTSIDER;
    }
    if (user.role() == Role.ADMIN) {
      return Relation.ADMIN;
    }
    if (artifacts.uploadedBy(sha256, user.id())) {
      return Relation.OWNER;
    }
    return referredToByReadable(sha256, user) || madeFrom(sha256, user)
        ? Relation.MEMBER
        : Relation.OUTSIDER;
  }

  /** Whether a run the user may download refers to the image. */
  private boolean referredToByReadable(String sha256, LabUser user) {
    Map<Long, Boolean> member = new HashMap<>();
    for (Object[] row : runs.submittersAndSessionsReferring(sha256)) {
      long submitter = ((Number) row[0]).longValue();
      long session = ((Number) row[1]).longValue();
      Relation toRun =
          Relation.of(
              user, submitter, member.computeIfAbsent(session, id -> sessions.isMember(id, user)));
      if (RunAction.RULES.allows(user, toRun, RunAction.DOWNLOAD)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the image was made from images that runs the user may download refer to. */
  private boolean madeFrom(String sha256, LabUser user) {
    return derived
        .orderedStream()
        .flatMap(images -> images.sourcesOf(sha256).stream())
        .anyMatch(
            (List<String> sources) ->
                sources.stream().allMatch(source -> referredToByReadable(source, user)));
  }
}
