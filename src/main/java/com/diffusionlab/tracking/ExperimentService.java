package com.diffusionlab.tracking;

import com.diffusionlab.NotFoundException;
import com.diffusionlab.engine.InvalidRequestException;
import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.identity.LabUser;
import com.diffusionlab.identity.Permissions;
import com.diffusionlab.identity.Relation;
import com.diffusionlab.identity.Role;
import com.diffusionlab.sessions.PlaygroundSession;
import com.diffusionlab.sessions.SessionAction;
import com.diffusionlab.sessions.SessionService;
import com.diffusionlab.tracking.internal.ExperimentEntity;
import com.diffusionlab.tracking.internal.ExperimentRepository;
import com.diffusionlab.tracking.internal.RunEntity;
import com.diffusionlab.tracking.internal.RunRepository;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Experiments: named groups of runs owned by a user. Anyone who can see an experiment's session
 * sees the experiment (and, of its runs, those in sessions they can see); its owner and admins
 * change it and move runs in and out.
 */
@Service
public class ExperimentService {

  public static final String DEFAULT = "default";
  static final int MAX_NAME = 200;
  static final int MAX_DESCRIPTION = 20_000;
  public static final int MAX_TAGS = 50;

  /** Runs one call adds: the ids are looked up in one query, whose parameters databases limit. */
  static final int MAX_RUNS_PER_CALL = 10_000;

  private final ExperimentRepository experiments;
  private final RunRepository runs;
  private final SessionService sessions;
  private final IdentityService identity;
  private final ApplicationEventPublisher events;

  ExperimentService(
      ExperimentRepository experiments,
      RunRepository runs,
      SessionService sessions,
      IdentityService identity,
      ApplicationEventPublisher events) {
    this.events = events;
    this.experiments = experiments;
    this.runs = runs;
    this.sessions = sessions;
    this.identity = identity;
  }

  /** The experiments the signed-in user can see, most recently changed first, with figures. */
  @PreAuthorize(Permissions.LOOK)
  @Transactional(readOnly = true)
  public List<ExperimentSummary> visible() {
    LabUser user = identity.current();
    List<ExperimentEntity> found =
        user.role() == Role.ADMIN
            ? experiments.findAllByOrderByUpdatedAtDesc()
            : experiments.findBySessionIdInOrOwnerIdOrderByUpdatedAtDesc(
                visibleSessions(user), user.id());
    return summaries(found);
  }

  /**
   * @throws NotFoundException when there is no such experiment or the user may not see it (the same
   *     answer, so ids cannot be probed)
   */
  @PreAuthorize(Permissions.LOOK)
  @Transactional(readOnly = true)
  public Experiment require(long id) {
    return view(visibleEntity(id, identity.current()));
  }

  @PreAuthorize(Permissions.LOOK)
  @Transactional(readOnly = true)
  public ExperimentSummary summary(long id) {
    return summaries(List.of(visibleEntity(id, identity.current()))).getFirst();
  }

  /**
   * An experiment by id, or by name: the signed-in user's own of that name, else the one visible
   * experiment of that name.
   *
   * @throws NotFoundException when none matches
   * @throws InvalidRequestException when the name is ambiguous
   */
  @PreAuthorize(Permissions.LOOK)
  @Transactional(readOnly = true)
  public Experiment resolve(String idOrName) {
    LabUser user = identity.current();
    String text = idOrName == null ? "" : idOrName.strip();
    if (text.matches("\\d{1,18}")) {
      return view(visibleEntity(Long.parseLong(text), user));
    }
    Optional<ExperimentEntity> own = experiments.findByOwnerIdAndName(user.id(), text);
    if (own.isPresent()) {
      return view(own.get());
    }
    List<ExperimentEntity> named =
        experiments.findByNameIn(List.of(text)).stream()
            .filter(
                e -> ExperimentAction.RULES.allows(user, relation(e, user), ExperimentAction.READ))
            .toList();
    if (named.isEmpty()) {
      throw new NotFoundException("experiment '" + text + "' does not exist");
    }
    if (named.size() > 1) {
      throw new InvalidRequestException(
          "experiment", text, "an id, or a name only one visible experiment has");
    }
    return view(named.getFirst());
  }

  /**
   * Creates an experiment of the signed-in user's, at home in a session they can use.
   *
   * @param sessionId null for the user's default session
   * @throws InvalidRequestException naming a bad or taken name, a too long description or bad tags
   */
  @PreAuthorize(Permissions.GENERATE)
  @Transactional
  public Experiment create(String name, String description, Long sessionId, Set<String> tags) {
    LabUser user = identity.current();
    String checked = checkName(name);
    if (experiments.findByOwnerIdAndName(user.id(), checked).isPresent()) {
      throw new InvalidRequestException("name", checked, "a name none of your experiments has yet");
    }
    PlaygroundSession session =
        sessionId == null
            ? sessions.defaultFor(user)
            : sessions.require(sessionId, user, SessionAction.SUBMIT);
    ExperimentEntity entity =
        new ExperimentEntity(
            session.id(), user.id(), checked, checkDescription(description), Instant.now());
    if (tags != null) {
      entity.tags(Tags.check(tags, MAX_TAGS), Instant.now());
    }
    return view(experiments.save(entity));
  }

  /**
   * The signed-in user's experiment of that name, created (described, at home in the session) when
   * they have none: where a sweep's runs go.
   */
  @PreAuthorize(Permissions.GENERATE)
  @Transactional
  public Experiment ensureOwn(String name, String description, long sessionId) {
    LabUser user = identity.current();
    String checked = checkName(name);
    return view(
        experiments
            .findByOwnerIdAndName(user.id(), checked)
            .orElseGet(
                () ->
                    experiments.save(
                        new ExperimentEntity(
                            sessions.require(sessionId, user, SessionAction.SUBMIT).id(),
                            user.id(),
                            checked,
                            checkDescription(description),
                            Instant.now()))));
  }

  /**
   * Creates an experiment of the signed-in user's for imported runs: under its own name, or, when
   * they have one by that name, with "(imported)" and a number added.
   */
  @PreAuthorize(Permissions.GENERATE)
  @Transactional
  public Experiment createImported(
      String name, String description, long sessionId, Set<String> tags) {
    LabUser user = identity.current();
    String base =
        checkName(name.length() > MAX_NAME - 20 ? name.substring(0, MAX_NAME - 20) : name);
    String candidate = base;
    for (int n = 1; experiments.findByOwnerIdAndName(user.id(), candidate).isPresent(); n++) {
      candidate = base + (n == 1 ? " (imported)" : " (imported " + n + ")");
    }
    ExperimentEntity entity =
        new ExperimentEntity(
            sessions.require(sessionId, user, SessionAction.SUBMIT).id(),
            user.id(),
            candidate,
            checkDescription(description),
            Instant.now());
    entity.tags(Tags.check(tags, MAX_TAGS), Instant.now());
    return view(experiments.save(entity));
  }

  /** Renames, describes or tags an experiment (its owner or an admin). */
  @PreAuthorize(Permissions.GENERATE)
  @Transactional
  public Experiment update(long id, ExperimentChanges changes) {
    LabUser user = identity.current();
    ExperimentEntity entity = ownedEntity(id, user);
    Instant now = Instant.now();
    if (changes.name() != null && !changes.name().strip().equals(entity.name())) {
      String checked = checkName(changes.name());
      if (experiments.findByOwnerIdAndName(entity.ownerId(), checked).isPresent()) {
        throw new InvalidRequestException(
            "name", checked, "a name none of the owner's experiments has yet");
      }
      entity.rename(checked, now);
    }
    if (changes.description() != null) {
      entity.describe(checkDescription(changes.description()), now);
    }
    if (changes.tags() != null) {
      entity.tags(Tags.check(changes.tags(), MAX_TAGS), now);
    }
    return view(entity);
  }

  /**
   * Puts runs into an experiment: copied (they stay where they are too) or moved out of {@code
   * from}. The user must own (or administer) the target and see every run.
   *
   * @return how many runs were added
   */
  @PreAuthorize(Permissions.GENERATE)
  @Transactional
  public int addRuns(long experimentId, Collection<Long> runIds, Long from) {
    if (runIds.size() > MAX_RUNS_PER_CALL) {
      throw new InvalidRequestException(
          "runIds", runIds.size() + " runs", "at most " + MAX_RUNS_PER_CALL + " at a time");
    }
    LabUser user = identity.current();
    ExperimentEntity target = ownedEntity(experimentId, user);
    if (from != null) {
      ownedEntity(from, user);
    }
    Set<Long> visible = visibleSessions(user);
    List<RunEntity> found = runs.findAllById(new LinkedHashSet<>(runIds));
    if (found.size() != new LinkedHashSet<>(runIds).size()
        || (user.role() != Role.ADMIN
            && found.stream().anyMatch(run -> !visible.contains(run.sessionId())))) {
      throw new InvalidRequestException("runs", runIds, "ids of runs you can see");
    }
    int added = 0;
    for (RunEntity run : found) {
      if (from != null && !run.experimentIds().contains(from)) {
        throw new InvalidRequestException("from", from, "an experiment that holds run " + run.id());
      }
      if (!run.experimentIds().contains(experimentId)) {
        added++;
      }
      if (from != null && from == experimentId) {
        continue;
      }
      run.joinExperiment(experimentId, from);
    }
    target.touch(Instant.now());
    return added;
  }

  /**
   * The experiment a submission joins: the submitter's experiment of that name, created at home in
   * the submission's session when it is new.
   */
  ExperimentEntity forSubmission(long userId, long sessionId, String name) {
    String checked = name == null || name.isBlank() ? DEFAULT : checkName(name);
    return experiments
        .findByOwnerIdAndName(userId, checked)
        .orElseGet(
            () ->
                experiments.save(
                    new ExperimentEntity(sessionId, userId, checked, null, Instant.now())));
  }

  private Set<Long> visibleSessions(LabUser user) {
    Set<Long> ids = new LinkedHashSet<>();
    sessions.visibleTo(user).stream().map(PlaygroundSession::id).forEach(ids::add);
    return ids;
  }

  private ExperimentEntity visibleEntity(long id, LabUser user) {
    return entity(id, user, ExperimentAction.READ);
  }

  private ExperimentEntity ownedEntity(long id, LabUser user) {
    return entity(id, user, ExperimentAction.CHANGE);
  }

  /**
   * @throws NotFoundException when there is no such experiment or the user may not see it
   * @throws AccessDeniedException when they may see it but not take the action
   */
  private ExperimentEntity entity(long id, LabUser user, ExperimentAction action) {
    ExperimentEntity entity =
        experiments
            .findById(id)
            .orElseThrow(() -> new NotFoundException("experiment " + id + " does not exist"));
    ExperimentAction.RULES.require(
        user, relation(entity, user), action, "experiment " + id, events);
    return entity;
  }

  /** Whether the signed-in user may take the action: for the UI to offer it or not. */
  @PreAuthorize(Permissions.LOOK)
  @Transactional(readOnly = true)
  public boolean allows(Experiment experiment, ExperimentAction action) {
    LabUser user = identity.current();
    return ExperimentAction.RULES.allows(
        user,
        Relation.of(user, experiment.ownerId(), sessions.isMember(experiment.sessionId(), user)),
        action);
  }

  /** Its creator owns an experiment; the members of its home session are its members. */
  private Relation relation(ExperimentEntity entity, LabUser user) {
    return Relation.of(user, entity.ownerId(), sessions.isMember(entity.sessionId(), user));
  }

  /**
   * An experiment the signed-in user may take the action on ({@link ExperimentAction#RULES}).
   *
   * @throws NotFoundException when there is no such experiment or the user may not see it
   * @throws AccessDeniedException when they may see it but not take the action
   */
  @PreAuthorize(Permissions.LOOK)
  @Transactional(readOnly = true)
  public Experiment require(long id, ExperimentAction action) {
    return view(entity(id, identity.current(), action));
  }

  private Experiment view(ExperimentEntity entity) {
    return entity.toExperiment(
        identity.find(entity.ownerId()).map(LabUser::username).orElse("#" + entity.ownerId()));
  }

  private List<ExperimentSummary> summaries(List<ExperimentEntity> found) {
    Map<Long, Map<RunStatus, Long>> statuses = new HashMap<>();
    Map<Long, double[]> figures = new HashMap<>();
    Map<Long, Instant> latest = new HashMap<>();
    if (!found.isEmpty()) {
      for (Object[] row :
          runs.figuresByExperiment(found.stream().map(ExperimentEntity::id).toList())) {
        long experiment = (Long) row[0];
        statuses
            .computeIfAbsent(experiment, id -> new EnumMap<>(RunStatus.class))
            .put((RunStatus) row[1], (Long) row[2]);
        double[] sums = figures.computeIfAbsent(experiment, id -> new double[2]);
        sums[0] += row[3] == null ? 0 : ((Number) row[3]).doubleValue();
        sums[1] += row[4] == null ? 0 : ((Number) row[4]).doubleValue();
        Instant last = (Instant) row[5];
        latest.merge(experiment, last, (a, b) -> a.isAfter(b) ? a : b);
      }
    }
    return found.stream()
        .map(
            entity -> {
              Experiment experiment = view(entity);
              Map<RunStatus, Long> counts = statuses.getOrDefault(entity.id(), Map.of());
              double[] sums = figures.getOrDefault(entity.id(), new double[2]);
              Instant last = latest.get(entity.id());
              return new ExperimentSummary(
                  experiment,
                  counts.values().stream().mapToLong(Long::longValue).sum(),
                  counts,
                  sums[0],
                  sums[1],
                  last == null || last.isBefore(experiment.updatedAt())
                      ? experiment.updatedAt()
                      : last);
            })
        .toList();
  }

  private static String checkName(String name) {
    String stripped = name == null ? "" : name.strip();
    if (stripped.isEmpty()
        || stripped.length() > MAX_NAME
        || stripped.chars().anyMatch(Character::isISOControl)) {
      throw new InvalidRequestException(
          "name",
          stripped.length() > 40 ? stripped.substring(0, 40) + "…" : stripped,
          "1 to " + MAX_NAME + " characters, no control characters");
    }
    return stripped;
  }

  /**
   * @throws InvalidRequestException for a description longer than {@link #MAX_DESCRIPTION}
   *     characters
   */
  public static String checkDescription(String description) {
    if (description != null && description.length() > MAX_DESCRIPTION) {
      throw new InvalidRequestException(
          "description",
          description.length() + " characters",
          "Markdown of at most " + MAX_DESCRIPTION + " characters");
    }
    return description;
  }
}
