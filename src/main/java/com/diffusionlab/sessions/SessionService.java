package com.diffusionlab.sessions;

import com.diffusionlab.engine.InvalidRequestException;
import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.identity.LabUser;
import com.diffusionlab.identity.Role;
import com.diffusionlab.sessions.internal.SessionEntity;
import com.diffusionlab.sessions.internal.SessionRepository;
import com.diffusionlab.sessions.internal.UsageEntry;
import com.diffusionlab.sessions.internal.UsageRepository;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Playground sessions, who may use them, their quotas and the usage ledger. */
@Service
public class SessionService {

  public static final String DEFAULT_NAME = "My playground";

  private final SessionRepository sessions;
  private final UsageRepository ledger;
  private final IdentityService identity;

  SessionService(SessionRepository sessions, UsageRepository ledger, IdentityService identity) {
    this.sessions = sessions;
    this.ledger = ledger;
    this.identity = identity;
  }

  private PlaygroundSession view(SessionEntity entity) {
    String owner =
        identity.find(entity.ownerId()).map(LabUser::username).orElse("#" + entity.ownerId());
    return entity.toSession(owner);
  }

  /** The sessions a user can see: their own, shared ones, and for admins all. */
  @Transactional(readOnly = true)
  public List<PlaygroundSession> visibleTo(LabUser user) {
    List<SessionEntity> visible =
        user.role() == Role.ADMIN
            ? sessions.findAllByOrderByIdAsc()
            : sessions.findVisible(user.id());
    return visible.stream().map(this::view).toList();
  }

  /**
   * @throws AccessDeniedException when the user may not see the session
   * @throws InvalidRequestException naming the {@code sessionId} when there is no such session
   */
  @Transactional(readOnly = true)
  public PlaygroundSession require(long id, LabUser user) {
    PlaygroundSession session =
        sessions
            .findById(id)
            .map(this::view)
            .orElseThrow(
                () ->
                    new InvalidRequestException("sessionId", id, "the id of an existing session"));
    if (!session.shared() && session.ownerId() != user.id() && user.role() != Role.ADMIN) {
      throw new AccessDeniedException("session " + id + " is private to its owner");
    }
    return session;
  }

  /** The user's own "My playground", created with the standard quota on first use. */
  @Transactional
  public PlaygroundSession defaultFor(LabUser user) {
    return sessions
        .findFirstByOwnerIdAndNameOrderByIdAsc(user.id(), DEFAULT_NAME)
        .map(this::view)
        .orElseGet(() -> create(user, DEFAULT_NAME, false, Quota.standard(), Set.of()));
  }

  @Transactional
  public PlaygroundSession create(
      LabUser owner, String name, boolean shared, Quota quota, Set<String> allowedModels) {
    if (name == null || name.isBlank() || name.length() > 120) {
      throw new IllegalArgumentException("name='" + name + "' is not allowed: 1 to 120 characters");
    }
    return view(
        sessions.save(
            new SessionEntity(
                owner.id(), name.strip(), shared, quota, allowedModels, Instant.now())));
  }

  @Transactional(readOnly = true)
  public SessionUsage usage(long sessionId) {
    SessionEntity session =
        sessions
            .findById(sessionId)
            .orElseThrow(
                () -> new IllegalArgumentException("sessionId=" + sessionId + " does not exist"));
    return new SessionUsage(
        ledger.sumDeviceSeconds(sessionId),
        ledger.sumCost(sessionId),
        session.quota().budgetDeviceSeconds());
  }

  /**
   * Checks a job against the session before anything is queued or charged.
   *
   * @param activeJobs jobs of this session queued or running now
   * @param estimatedDeviceSeconds what the job is expected to use
   * @throws QuotaExceededException naming the field, the value and the session's limit
   */
  @Transactional(readOnly = true)
  public void admit(
      PlaygroundSession session,
      String modelHash,
      int width,
      int height,
      int steps,
      int batch,
      long activeJobs,
      double estimatedDeviceSeconds) {
    checkLimits(session, modelHash, width, height, steps, batch);
    Quota quota = session.quota();
    if (activeJobs >= quota.maxConcurrentJobs()) {
      throw QuotaExceededException.untilAJobEnds(
          "concurrent jobs",
          activeJobs + 1,
          "at most " + quota.maxConcurrentJobs() + " queued or running in this session");
    }
    checkBudget(session, estimatedDeviceSeconds, "estimated");
  }

  /**
   * Checks one job's shape against the session: model, size, steps and batch.
   *
   * @throws QuotaExceededException naming the field, the value and the session's limit
   */
  public void checkLimits(
      PlaygroundSession session, String modelHash, int width, int height, int steps, int batch) {
    Quota quota = session.quota();
    if (!session.allows(modelHash)) {
      throw new QuotaExceededException(
          "model", modelHash.substring(0, 10), "one of this session's allowed models");
    }
    if ((long) width * height > quota.maxPixels()) {
      throw new QuotaExceededException(
          "width×height",
          width + "×" + height,
          "at most " + quota.maxPixels() + " pixels in this session");
    }
    if (steps > quota.maxSteps()) {
      throw new QuotaExceededException(
          "steps", steps, "at most " + quota.maxSteps() + " in this session");
    }
    if (batch > quota.maxBatch()) {
      throw new QuotaExceededException(
          "batch", batch, "at most " + quota.maxBatch() + " in this session");
    }
  }

  /**
   * Checks that the session's budget has room for {@code deviceSeconds}.
   *
   * @param what what the figure is, e.g. "estimated" or "estimated for 15 cells"
   * @throws QuotaExceededException naming the figure and what is left of the budget
   */
  @Transactional(readOnly = true)
  public void checkBudget(PlaygroundSession session, double deviceSeconds, String what) {
    SessionUsage usage = usage(session.id());
    if (deviceSeconds > usage.remainingDeviceSeconds()) {
      throw new QuotaExceededException(
          "device-seconds",
          String.format(Locale.ROOT, "%.1f %s", deviceSeconds, what),
          String.format(
              Locale.ROOT,
              "at most the %.1f left of this session's budget of %.0f",
              usage.remainingDeviceSeconds(),
              session.quota().budgetDeviceSeconds()));
    }
  }

  /** Books a finished job's device time. */
  @Transactional
  public void record(long sessionId, long runId, double deviceSeconds, double cost) {
    ledger.save(new UsageEntry(sessionId, runId, deviceSeconds, cost, Instant.now()));
  }

  @Transactional(readOnly = true)
  public Optional<PlaygroundSession> find(long id) {
    return sessions.findById(id).map(this::view);
  }
}
