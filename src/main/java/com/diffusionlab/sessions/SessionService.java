package com.diffusionlab.sessions;

import com.diffusionlab.AuditEvent;
import com.diffusionlab.NotFoundException;
import com.diffusionlab.engine.FieldError;
import com.diffusionlab.engine.InvalidRequestException;
import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.identity.LabUser;
import com.diffusionlab.identity.Permissions;
import com.diffusionlab.identity.Relation;
import com.diffusionlab.identity.Role;
import com.diffusionlab.sessions.internal.SessionEntity;
import com.diffusionlab.sessions.internal.SessionRepository;
import com.diffusionlab.sessions.internal.UsageEntry;
import com.diffusionlab.sessions.internal.UsageRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Playground sessions, who may use and change them, their quotas and the usage ledger.
 *
 * <p>Only administrators create sessions, change their limits and priority, and close them; a
 * researcher's own playground is made on first use with the configured {@link DefaultQuota}. A job
 * is admitted in one transaction with the session's row locked: its limits, the jobs queued or
 * running, and the budget less what ended jobs used and queued or running ones reserved are
 * checked, the run is recorded and its estimate reserved. When the job ends its reservation is
 * settled to what it used ({@link #settle}).
 */
@Service
public class SessionService {

  public static final String DEFAULT_NAME = "My playground";
  public static final int MAX_NAME = 120;
  public static final int MAX_ALLOWED_MODELS = 1000;
  private static final Pattern CONTENT_HASH = Pattern.compile("[0-9a-f]{64}");

  /** Lock waits that time out (H2 gives up after 2 s) are tried again this often. */
  private static final int LOCK_ATTEMPTS = 5;

  /** Room for rounding when reservations that add up exactly to the budget are compared with it. */
  private static final double BUDGET_SLACK = 1e-9;

  private final SessionRepository sessions;
  private final UsageRepository ledger;
  private final IdentityService identity;
  private final DefaultQuota defaultQuota;
  private final TransactionTemplate transaction;
  private final TransactionTemplate newTransaction;
  private final ApplicationEventPublisher events;

  SessionService(
      SessionRepository sessions,
      UsageRepository ledger,
      IdentityService identity,
      DefaultQuota defaultQuota,
      PlatformTransactionManager transactions,
      ApplicationEventPublisher events) {
    this.events = events;
    this.sessions = sessions;
    this.ledger = ledger;
    this.identity = identity;
    this.defaultQuota = defaultQuota;
    this.transaction = new TransactionTemplate(transactions);
    this.newTransaction = new TransactionTemplate(transactions);
    newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  private PlaygroundSession view(SessionEntity entity) {
    String owner =
        identity.find(entity.ownerId()).map(LabUser::username).orElse("#" + entity.ownerId());
    return entity.toSession(owner);
  }

  /** The quota a researcher's own playground starts with ({@code dlab.sessions.default-quota}). */
  public Quota defaultQuota() {
    return defaultQuota.quota();
  }

  /**
   * The sessions a user can see: their own, shared ones, and for admins all; the sessions whose
   * {@link SessionAction#READ} {@link SessionAction#RULES} allow them, in one query.
   */
  @Transactional(readOnly = true)
  public List<PlaygroundSession> visibleTo(LabUser user) {
    List<SessionEntity> visible =
        user.role() == Role.ADMIN
            ? sessions.findAllByOrderByIdAsc()
            : sessions.findVisible(user.id());
    return visible.stream().map(this::view).toList();
  }

  /**
   * A session the user may take the action on ({@link SessionAction#RULES}).
   *
   * @throws NotFoundException when there is no such session or the user may not see it (the same
   *     answer, so that ids cannot be probed)
   * @throws AccessDeniedException when they may see it but not take the action
   */
  @Transactional(readOnly = true)
  public PlaygroundSession require(long id, LabUser user, SessionAction action) {
    PlaygroundSession session =
        sessions
            .findById(id)
            .map(this::view)
            .orElseThrow(() -> new NotFoundException("session " + id + " does not exist"));
    SessionAction.RULES.require(
        user, SessionAction.relation(session, user), action, "session " + id, events);
    return session;
  }

  /**
   * Whether the user is a member of the session (its owner, or anyone when it is shared; an
   * administrator of every one). One read of the session's row: object rules ask it at every call.
   */
  @Transactional(readOnly = true)
  public boolean isMember(long id, LabUser user) {
    return sessions
        .findById(id)
        .map(entity -> SessionAction.relation(entity.ownerId(), entity.shared(), user))
        .filter(relation -> relation != Relation.OUTSIDER)
        .isPresent();
  }

  @Transactional(readOnly = true)
  public Optional<PlaygroundSession> find(long id) {
    return sessions.findById(id).map(this::view);
  }

  /**
   * The user's own "My playground", created with the default quota on first use. Simultaneous first
   * uses make one: the database keeps one default per owner, and the requests that lose the race
   * read the winner's.
   */
  public PlaygroundSession defaultFor(LabUser user) {
    Optional<PlaygroundSession> existing = readDefault(user.id());
    if (existing.isPresent()) {
      return existing.get();
    }
    try {
      return newTransaction.execute(
          tx ->
              view(
                  sessions.saveAndFlush(
                      SessionEntity.defaultFor(
                          user.id(), DEFAULT_NAME, defaultQuota.quota(), Instant.now()))));
    } catch (DataAccessException raced) {
      return readDefault(user.id()).orElseThrow(() -> raced);
    }
  }

  private Optional<PlaygroundSession> readDefault(long ownerId) {
    return transaction.execute(tx -> sessions.findByDefaultFor(ownerId).map(this::view));
  }

  /**
   * An administrator's new session: a shared one for everyone, or a private one for a user with
   * other limits than the default.
   *
   * @param owner the owner's username; null for the administrator
   * @param settings the name is required; unset fields take the defaults ({@link SessionChanges})
   * @throws InvalidRequestException naming every bad field
   */
  @PreAuthorize(Permissions.ADMINISTER)
  @Transactional
  public PlaygroundSession create(String owner, SessionChanges settings) {
    Optional<LabUser> found =
        owner == null ? Optional.of(identity.current()) : identity.find(owner);
    Settled checked =
        check(
            settings,
            defaultQuota.quota(),
            true,
            found.isEmpty() ? new FieldError("owner", owner, "the username of a user") : null);
    SessionEntity entity =
        new SessionEntity(
            found.orElseThrow().id(),
            settings.name().strip(),
            Boolean.TRUE.equals(settings.shared()),
            checked.quota(),
            settings.priority() == null ? 1 : settings.priority(),
            settings.allowedModels() == null ? Set.of() : settings.allowedModels(),
            Instant.now());
    entity.draftsAllowed(Boolean.TRUE.equals(settings.draftsAllowed()));
    PlaygroundSession created = view(sessions.save(entity));
    events.publishEvent(
        AuditEvent.succeeded("session.create", target(created.id()), described(settings)));
    return created;
  }

  private static String target(long id) {
    return "session " + id;
  }

  /** The fields a change sets, for the audit log. */
  private static String described(SessionChanges changes) {
    List<String> set = new ArrayList<>();
    BiConsumer<String, Object> add =
        (field, value) -> {
          if (value != null) {
            set.add(field + " " + value);
          }
        };
    add.accept("name", changes.name());
    add.accept("shared", changes.shared());
    add.accept("priority", changes.priority());
    add.accept("budgetDeviceSeconds", changes.budgetDeviceSeconds());
    add.accept("maxConcurrentJobs", changes.maxConcurrentJobs());
    add.accept("maxPixels", changes.maxPixels());
    add.accept("maxSteps", changes.maxSteps());
    add.accept("maxBatch", changes.maxBatch());
    add.accept(
        "allowedModels",
        changes.allowedModels() == null ? null : changes.allowedModels().size() + " models");
    add.accept("draftsAllowed", changes.draftsAllowed());
    return String.join(", ", set);
  }

  /**
   * An administrator's change to a session: its name, visibility, priority, limits or models. Lower
   * limits apply to jobs submitted from now on; jobs already queued keep their place.
   *
   * @throws NotFoundException when there is no such session
   * @throws InvalidRequestException naming every bad field; nothing is changed then
   */
  @PreAuthorize(Permissions.ADMINISTER)
  @Transactional
  public PlaygroundSession update(long id, SessionChanges changes) {
    SessionEntity entity = existing(id);
    Settled checked = check(changes, entity.quota(), false, null);
    entity.quota(checked.quota());
    if (changes.name() != null) {
      entity.rename(changes.name().strip());
    }
    if (changes.shared() != null) {
      entity.shared(changes.shared());
    }
    if (changes.priority() != null) {
      entity.priority(changes.priority());
    }
    if (changes.allowedModels() != null) {
      entity.allowedModels(changes.allowedModels());
    }
    if (changes.draftsAllowed() != null) {
      entity.draftsAllowed(changes.draftsAllowed());
    }
    // a change of priority alone is an action of its own: a session's share of the devices
    String described = described(changes);
    boolean priorityOnly = described.equals("priority " + changes.priority());
    events.publishEvent(
        AuditEvent.succeeded(
            priorityOnly ? "session.priority" : "session.edit", target(id), described));
    return view(entity);
  }

  /**
   * Closes a session: it admits no new jobs; its runs, experiments and ledger stay, and jobs
   * already queued or running finish.
   */
  @PreAuthorize(Permissions.ADMINISTER)
  @Transactional
  public PlaygroundSession close(long id) {
    SessionEntity entity = existing(id);
    entity.close(Instant.now());
    events.publishEvent(AuditEvent.succeeded("session.close", target(id)));
    return view(entity);
  }

  /** Opens a closed session again. */
  @PreAuthorize(Permissions.ADMINISTER)
  @Transactional
  public PlaygroundSession reopen(long id) {
    SessionEntity entity = existing(id);
    entity.reopen();
    events.publishEvent(AuditEvent.succeeded("session.reopen", target(id)));
    return view(entity);
  }

  private SessionEntity existing(long id) {
    return sessions
        .findById(id)
        .orElseThrow(() -> new NotFoundException("session " + id + " does not exist"));
  }

  /** Checked settings: every bad field reported at once. */
  private record Settled(Quota quota) {}

  /**
   * @param nameRequired true for a new session
   * @param other a refusal found before, reported with the rest; null for none
   */
  private static Settled check(
      SessionChanges changes, Quota base, boolean nameRequired, FieldError other) {
    List<FieldError> errors = new ArrayList<>();
    if (other != null) {
      errors.add(other);
    }
    if (changes.name() == null && nameRequired) {
      errors.add(new FieldError("name", "(missing)", nameRule()));
    }
    if (changes.name() != null
        && (changes.name().isBlank() || changes.name().strip().length() > MAX_NAME)) {
      errors.add(new FieldError("name", changes.name(), nameRule()));
    }
    Integer priority = changes.priority();
    if (priority != null
        && (priority < PlaygroundSession.MIN_PRIORITY
            || priority > PlaygroundSession.MAX_PRIORITY)) {
      errors.add(
          new FieldError(
              "priority",
              String.valueOf(priority),
              PlaygroundSession.MIN_PRIORITY + " to " + PlaygroundSession.MAX_PRIORITY));
    }
    Set<String> models = changes.allowedModels();
    if (models != null && models.size() > MAX_ALLOWED_MODELS) {
      errors.add(
          new FieldError(
              "allowedModels", models.size() + " models", "at most " + MAX_ALLOWED_MODELS));
    } else if (models != null) {
      models.stream()
          .filter(hash -> hash == null || !CONTENT_HASH.matcher(hash).matches())
          .findFirst()
          .ifPresent(
              hash ->
                  errors.add(
                      new FieldError(
                          "allowedModels",
                          String.valueOf(hash),
                          "names or content hashes (64 hex digits) of registered models")));
    }
    Quota quota = null;
    try {
      quota = changes.quota(base);
    } catch (InvalidRequestException e) {
      errors.addAll(e.errors());
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    return new Settled(quota);
  }

  private static String nameRule() {
    return "1 to " + MAX_NAME + " characters, not only spaces";
  }

  @Transactional(readOnly = true)
  public SessionUsage usage(long sessionId) {
    SessionEntity session = existing(sessionId);
    UsageRepository.Totals totals = ledger.totals(sessionId);
    return new SessionUsage(
        totals.getUsed(),
        totals.getReserved(),
        totals.getCost(),
        session.quota().budgetDeviceSeconds(),
        totals.getActive());
  }

  /**
   * Admits a job and records it, in one transaction with the session's row locked: the session must
   * be open and allow the job's model, size, steps and batch; it must have fewer jobs queued or
   * running than it allows at once; and its budget, less what ended jobs used and what queued or
   * running jobs reserved, must hold the job's estimate, which is then reserved for it. Only then
   * is {@code record} called, in the same transaction, to record the run. So parallel submissions
   * cannot together pass a limit, and a refused job leaves nothing behind.
   *
   * <p>The admission is its own transaction (tried again when the lock wait times out), so call it
   * outside any other.
   *
   * @param record records the job (its run), inside the admission's transaction
   * @param runId the id of what {@code record} recorded
   * @return what {@code record} returned
   * @throws QuotaExceededException naming the limit and the figures; nothing is recorded then
   * @throws InvalidRequestException naming the {@code sessionId} when there is no such session
   */
  public <R> R admit(long sessionId, SessionJob job, Supplier<R> record, ToLongFunction<R> runId) {
    for (int attempt = 1; ; attempt++) {
      try {
        return transaction.execute(tx -> admitLocked(sessionId, job, record, runId));
      } catch (PessimisticLockingFailureException busy) {
        if (attempt == LOCK_ATTEMPTS) {
          throw QuotaExceededException.noRoom(
              "sessionId",
              sessionId,
              "a session that is not this busy: other submissions held it too long",
              null,
              true);
        }
      }
      // another admission, holding another session's lock, made a row this one makes too (the
      // submitter's first run in a new experiment, submitted to two sessions at once): this whole
      // transaction was rolled back, and tried again it finds that row
      catch (DataIntegrityViolationException raced) {
        if (attempt == LOCK_ATTEMPTS) {
          throw raced;
        }
      }
    }
  }

  private <R> R admitLocked(
      long sessionId, SessionJob job, Supplier<R> record, ToLongFunction<R> runId) {
    SessionEntity entity =
        sessions
            .lockById(sessionId)
            .orElseThrow(
                () ->
                    new InvalidRequestException(
                        "sessionId", sessionId, "the id of an existing session"));
    PlaygroundSession session = view(entity);
    checkLimits(session, job);
    UsageRepository.Totals totals = ledger.totals(sessionId);
    Quota quota = session.quota();
    if (totals.getActive() >= quota.maxConcurrentJobs()) {
      throw QuotaExceededException.noRoom(
          "concurrent jobs",
          totals.getActive() + 1,
          "at most " + quota.maxConcurrentJobs() + " queued or running in this session",
          new QuotaLimit(
              "maxConcurrentJobs", quota.maxConcurrentJobs(), 1, totals.getActive(), null),
          true);
    }
    checkBudget(session, job.estimatedDeviceSeconds(), "estimated", totals);
    R recorded = record.get();
    ledger.save(
        UsageEntry.reservation(
            sessionId, runId.applyAsLong(recorded), job.estimatedDeviceSeconds(), Instant.now()));
    return recorded;
  }

  /**
   * Checks one job's shape against the session: open, model, size, steps and batch. What fails here
   * fails however long one waits.
   *
   * @throws QuotaExceededException naming the field, the value and the session's limit
   */
  public void checkLimits(PlaygroundSession session, SessionJob job) {
    Quota quota = session.quota();
    if (session.closed()) {
      throw QuotaExceededException.forbidden(
          "sessionId",
          session.id(),
          "an open session; an administrator closed '" + session.name() + "'",
          null);
    }
    if (!session.allows(job.modelHash())) {
      throw QuotaExceededException.forbidden(
          "model",
          job.modelHash().substring(0, Math.min(10, job.modelHash().length())),
          "one of this session's allowed models",
          null);
    }
    if (job.pixels() > quota.maxPixels()) {
      throw QuotaExceededException.forbidden(
          "width×height",
          job.width() + "×" + job.height(),
          "at most " + quota.maxPixels() + " pixels in this session",
          QuotaLimit.of("maxPixels", quota.maxPixels(), job.pixels()));
    }
    if (job.steps() > quota.maxSteps()) {
      throw QuotaExceededException.forbidden(
          "steps",
          job.steps(),
          "at most " + quota.maxSteps() + " in this session",
          QuotaLimit.of("maxSteps", quota.maxSteps(), job.steps()));
    }
    if (job.batch() > quota.maxBatch()) {
      throw QuotaExceededException.forbidden(
          "batch",
          job.batch(),
          "at most " + quota.maxBatch() + " in this session",
          QuotaLimit.of("maxBatch", quota.maxBatch(), job.batch()));
    }
  }

  /**
   * Checks that the session's budget, less what is used and reserved, has room for {@code
   * deviceSeconds}.
   *
   * @param what what the figure is, e.g. "estimated" or "estimated for 15 cells"
   * @throws QuotaExceededException naming the figure and what is left of the budget
   */
  @Transactional(readOnly = true)
  public void checkBudget(PlaygroundSession session, double deviceSeconds, String what) {
    checkBudget(session, deviceSeconds, what, ledger.totals(session.id()));
  }

  private static void checkBudget(
      PlaygroundSession session, double deviceSeconds, String what, UsageRepository.Totals totals) {
    double budget = session.quota().budgetDeviceSeconds();
    double committed = totals.getUsed() + totals.getReserved();
    if (committed + deviceSeconds > budget * (1 + BUDGET_SLACK)) {
      throw QuotaExceededException.noRoom(
          "device-seconds",
          String.format(Locale.ROOT, "%.1f %s", deviceSeconds, what),
          String.format(
              Locale.ROOT,
              "at most the %.1f left of this session's budget of %.0f (%.1f used, %.1f reserved"
                  + " by queued and running jobs)",
              Math.max(0, budget - committed),
              budget,
              totals.getUsed(),
              totals.getReserved()),
          new QuotaLimit(
              "budgetDeviceSeconds", budget, deviceSeconds, totals.getUsed(), totals.getReserved()),
          totals.getReserved() > 0);
    }
  }

  /**
   * Settles a job that ended: its reservation gives way to the device-seconds and cost it used (0
   * for one that never ran). Call it in the transaction that records the job's end, so that the two
   * cannot part; a job is settled once, later calls change nothing.
   */
  @Transactional
  public void settle(long sessionId, long runId, double deviceSeconds, double cost) {
    Instant now = Instant.now();
    UsageEntry entry =
        ledger
            .findByRunId(runId)
            .orElseGet(() -> ledger.save(UsageEntry.reservation(sessionId, runId, 0, now)));
    if (!entry.settled()) {
      entry.settle(orZero(deviceSeconds), orZero(cost), now);
    }
  }

  private static double orZero(double figure) {
    return Double.isFinite(figure) && figure > 0 ? figure : 0;
  }
}
