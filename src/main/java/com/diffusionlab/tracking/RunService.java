package com.diffusionlab.tracking;

import com.diffusionlab.LabNode;
import com.diffusionlab.NotFoundException;
import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.identity.Permissions;
import com.diffusionlab.tracking.internal.ExperimentEntity;
import com.diffusionlab.tracking.internal.ExperimentRepository;
import com.diffusionlab.tracking.internal.RunEntity;
import com.diffusionlab.tracking.internal.RunRepository;
import com.diffusionlab.tracking.internal.RunTransitionEntity;
import com.diffusionlab.tracking.internal.RunTransitionRepository;
import com.diffusionlab.tracking.internal.RunWindowReader;
import com.diffusionlab.tracking.query.RunQueries;
import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Path;
import jakarta.persistence.criteria.Root;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Slice;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every generation is a run, recorded before work starts and updated as it runs, succeeds, fails or
 * is cancelled; runs belong to an experiment in a session and carry tags and notes. Every status
 * change follows {@link RunLifecycle} and is recorded as a {@link RunTransition} in the transaction
 * that makes it, with this node's name.
 */
@Service
public class RunService {

  public static final int MAX_TAGS = 50;
  public static final int MAX_NOTES = 20_000;
  private static final List<RunStatus> ACTIVE = List.of(RunStatus.QUEUED, RunStatus.RUNNING);

  private final RunRepository runs;
  private final ExperimentRepository experiments;
  private final ExperimentService experimentService;
  private final RunQueries queries;
  private final EntityManager entityManager;
  private final RunWindowReader windows;
  private final ApplicationEventPublisher events;
  private final RunTransitionRepository transitions;
  private final LabNode node;
  private final RunAccess access;

  RunService(
      RunRepository runs,
      ExperimentRepository experiments,
      ExperimentService experimentService,
      IdentityService identity,
      EntityManager entityManager,
      RunWindowReader windows,
      ApplicationEventPublisher events,
      RunTransitionRepository transitions,
      LabNode node,
      RunAccess access) {
    this.access = access;
    this.runs = runs;
    this.transitions = transitions;
    this.node = node;
    this.entityManager = entityManager;
    this.windows = windows;
    this.events = events;
    this.experiments = experiments;
    this.experimentService = experimentService;
    this.queries =
        new RunQueries(
            name -> ids(experiments.findByNameIn(List.of(name))),
            part -> ids(experiments.findByNameContainingIgnoreCase(part)),
            username -> identity.find(username).map(user -> List.of(user.id())).orElse(List.of()));
  }

  private static List<Long> ids(List<ExperimentEntity> found) {
    return found.stream().map(ExperimentEntity::id).toList();
  }

  /**
   * Records a run as QUEUED: it exists before any work is done. It joins the submitter's experiment
   * of the given name, which is created when it is new.
   */
  @Transactional
  public Run create(NewRun spec) {
    long experiment =
        spec.experimentId() != null
            ? spec.experimentId()
            : experimentService
                .forSubmission(spec.userId(), spec.sessionId(), spec.experimentName())
                .id();
    RunEntity entity =
        runs.save(
            new RunEntity(
                spec.sessionId(),
                experiment,
                spec.userId(),
                spec.parentId(),
                spec.settings(),
                spec.estimateSeconds(),
                spec.estimate(),
                Instant.now()));
    record(entity, null, "submitted");
    return view(entity);
  }

  /**
   * Records a run imported from another workspace, as it ended there; {@code parentId} is its
   * parent here, if the parent came along.
   */
  @Transactional
  public Run importRun(
      Run source,
      long sessionId,
      Set<Long> experimentIds,
      long userId,
      Long parentId,
      List<RunOutput> outputs) {
    Tags.check(source.tags(), MAX_TAGS);
    checkNotes(source.notes());
    RunEntity entity =
        runs.save(RunEntity.imported(source, sessionId, experimentIds, userId, parentId, outputs));
    record(entity, null, "imported");
    return view(entity);
  }

  /**
   * A worker on this node starts the run's next attempt.
   *
   * @throws IllegalRunTransitionException unless the run is queued
   */
  @Transactional
  public Run started(long id) {
    RunEntity entity = entity(id);
    entity.start(Instant.now(), node.name());
    record(entity, RunStatus.QUEUED, "started");
    return view(entity);
  }

  /**
   * A running run goes back to the queue: its worker died, or its attempt failed for a reason that
   * was not the run's own. What the attempt measured is dropped; the next attempt measures again.
   *
   * @throws IllegalRunTransitionException unless the run is running
   */
  @Transactional
  public Run requeued(long id, String cause) {
    RunEntity entity = entity(id);
    entity.requeue();
    record(entity, RunStatus.RUNNING, cause);
    return view(entity);
  }

  /**
   * Asks the worker of a queued or running run to stop it: the worker that claims or runs it reads
   * this at its next step, on whichever node it is.
   *
   * @throws IllegalStateException for a run that has ended
   */
  @Transactional
  public Run requestCancel(long id) {
    RunEntity entity = entity(id);
    entity.requestCancel();
    return view(entity);
  }

  /** Whether someone asked the run to stop: one indexed read, for workers to ask at every step. */
  @Transactional(readOnly = true)
  public boolean cancelRequested(long id) {
    return runs.cancelRequested(id).orElse(false);
  }

  /** The run's history, oldest first. */
  @Transactional(readOnly = true)
  public List<RunTransition> transitions(long id) {
    return transitions.findByRunIdOrderByIdAsc(id).stream()
        .map(RunTransitionEntity::toTransition)
        .toList();
  }

  /**
   * @param reproduction a replay's verdict, written in the same transaction as its success; null
   *     for a run that replays nothing
   */
  @Transactional
  public Run succeeded(long id, RunCompletion completion, Reproduction reproduction) {
    RunEntity entity = entity(id);
    entity.succeed(completion, Instant.now());
    record(entity, RunStatus.RUNNING, "finished");
    if (reproduction != null) {
      entity.reproduction(reproduction.exactly(), reproduction.note());
    }
    publishEnded(entity, completion.deviceSeconds(), completion.cost());
    return view(entity);
  }

  /**
   * Ends a queued or running run as failed or cancelled, with what it had done when it stopped.
   *
   * @param work null for a run that had not started
   * @throws IllegalRunTransitionException for a run that has ended
   */
  @Transactional
  public Run ended(long id, RunStatus outcome, String reason, PartialWork work) {
    RunEntity entity = entity(id);
    RunStatus from = entity.status();
    entity.end(outcome, reason, work, Instant.now());
    record(entity, from, reason);
    publishEnded(entity, work == null ? 0 : work.deviceSeconds(), work == null ? 0 : work.cost());
    return view(entity);
  }

  /**
   * @throws com.diffusionlab.engine.InvalidRequestException naming a tag that is not 1–64 letters,
   *     digits or {@code _.:-}, or more than {@link #MAX_TAGS} tags
   * @throws NotFoundException when the signed-in user may not see the run
   * @throws org.springframework.security.access.AccessDeniedException when they may see it but not
   *     tag it ({@link RunAction#RULES})
   */
  @PreAuthorize(Permissions.GENERATE)
  @Transactional
  public Run tag(long id, Set<String> tags) {
    RunEntity entity = entity(id, RunAction.TAG);
    entity.tags(Tags.check(tags, MAX_TAGS));
    return view(entity);
  }

  /**
   * @throws NotFoundException when the signed-in user may not see the run
   * @throws org.springframework.security.access.AccessDeniedException when they may see it but not
   *     change its notes ({@link RunAction#RULES})
   */
  @PreAuthorize(Permissions.GENERATE)
  @Transactional
  public Run annotate(long id, String notes) {
    RunEntity entity = entity(id, RunAction.ANNOTATE);
    checkNotes(notes);
    entity.notes(notes);
    return view(entity);
  }

  /**
   * A run the signed-in user may take the action on ({@link RunAction#RULES}).
   *
   * @throws NotFoundException when there is no such run or the user may not see it (the same
   *     answer)
   * @throws org.springframework.security.access.AccessDeniedException when they may see it but not
   *     take the action
   */
  @PreAuthorize(Permissions.LOOK)
  @Transactional(readOnly = true)
  public Run require(long id, RunAction action) {
    Run run = view(entity(id));
    access.require(run, action);
    return run;
  }

  private RunEntity entity(long id, RunAction action) {
    RunEntity entity = entity(id);
    access.require(view(entity), action);
    return entity;
  }

  /**
   * @throws com.diffusionlab.engine.InvalidRequestException for notes longer than {@link
   *     #MAX_NOTES} characters
   */
  public static void checkNotes(String notes) {
    if (notes != null && notes.length() > MAX_NOTES) {
      throw new com.diffusionlab.engine.InvalidRequestException(
          "notes", notes.length() + " characters", "at most " + MAX_NOTES + " characters");
    }
  }

  @Transactional(readOnly = true)
  public Optional<Run> find(long id) {
    return runs.findById(id).map(this::view);
  }

  /**
   * The latest {@code limit} runs that succeeded at or after {@code since}, oldest first: the
   * history estimates learn from. Runs that finished at the same instant as the last one read
   * before come again; the caller knows them by id.
   */
  @Transactional(readOnly = true)
  public List<Run> succeededSince(Instant since, int limit) {
    Map<Long, String> names = new HashMap<>();
    List<Run> latest =
        new ArrayList<>(
            runs
                .findByStatusAndFinishedAtGreaterThanEqualOrderByFinishedAtDesc(
                    RunStatus.SUCCEEDED, since, PageRequest.of(0, limit))
                .stream()
                .map(entity -> view(entity, names))
                .toList());
    Collections.reverse(latest);
    return latest;
  }

  @Transactional(readOnly = true)
  public List<Run> children(long id) {
    return runs.findByParentIdOrderByIdAsc(id).stream().map(this::view).toList();
  }

  /**
   * Runs of the given sessions matching a query.
   *
   * @throws QuerySyntaxException pointing at the offending position
   */
  @Transactional(readOnly = true)
  public Page<Run> search(String query, Collection<Long> sessionIds, Pageable page) {
    Page<RunEntity> found = runs.findAll(matching(query, sessionIds), page);
    Map<Long, String> names = new HashMap<>();
    return found.map(entity -> view(entity, names));
  }

  /**
   * One page of the runs matching a query, without the count {@link #search} makes: for scrolling
   * grids, where counting every match again for each page would be most of the work.
   *
   * @throws QuerySyntaxException pointing at the offending position
   */
  @Transactional(readOnly = true)
  public Slice<Run> browse(String query, Collection<Long> sessionIds, Pageable page) {
    Slice<RunEntity> found = runs.findBy(matching(query, sessionIds), fluent -> fluent.slice(page));
    Map<Long, String> names = new HashMap<>();
    return found.map(entity -> view(entity, names));
  }

  private Specification<RunEntity> matching(String query, Collection<Long> sessionIds) {
    Specification<RunEntity> inSessions =
        (root, q, cb) ->
            sessionIds.isEmpty() ? cb.disjunction() : root.get("sessionId").in(sessionIds);
    return inSessions.and(queries.specification(query));
  }

  private Specification<RunEntity> matching(RunSelection selection, Collection<Long> sessionIds) {
    Specification<RunEntity> spec = matching(selection.query(), sessionIds);
    if (selection.experimentId() != null) {
      // a join on the membership (one row per run: it is the table's key) rather than a
      // membership subquery per run
      spec =
          spec.and((root, q, cb) -> cb.equal(root.join("experimentIds"), selection.experimentId()));
    }
    if (selection.runIds() != null) {
      spec =
          spec.and(
              (root, q, cb) ->
                  selection.runIds().isEmpty()
                      ? cb.disjunction()
                      : root.get("id").in(selection.runIds()));
    }
    return spec;
  }

  /**
   * The runs of a selection whose ids lie in {@code (afterId, upToId]}, by id. Walking a large
   * selection window by window keeps each query a range scan of the primary key with a small sort,
   * whatever the filters, so the last window costs what the first does ({@link RunPages}).
   */
  @Transactional(readOnly = true)
  public List<Run> selectBetween(
      RunSelection selection, Collection<Long> sessionIds, long afterId, long upToId) {
    if (selection.experimentId() == null) {
      return select(selection, sessionIds, afterId, upToId, id -> true);
    }
    // the experiment's members in the window from the (experiment, run) index, then the runs of
    // their id range, keeping the members: a join here scans every member of a large experiment
    // for each window, and an IN list of them is compared value by value
    @SuppressWarnings("unchecked")
    List<Number> found =
        entityManager
            .createNativeQuery(
                "select run_id from experiment_runs where experiment_id = ?1"
                    + " and run_id > ?2 and run_id <= ?3")
            .setParameter(1, selection.experimentId())
            .setParameter(2, afterId)
            .setParameter(3, upToId)
            .getResultList();
    if (found.isEmpty()) {
      return List.of();
    }
    Set<Long> members = new HashSet<>();
    found.forEach(id -> members.add(id.longValue()));
    return select(
        new RunSelection(selection.query(), null, selection.runIds()),
        sessionIds,
        Collections.min(members) - 1,
        Collections.max(members),
        members::contains);
  }

  private List<Run> select(
      RunSelection selection,
      Collection<Long> sessionIds,
      long afterId,
      long upToId,
      java.util.function.LongPredicate keep) {
    Map<Long, String> names = new HashMap<>();
    return windows.read(
        matching(selection, sessionIds),
        afterId,
        upToId,
        keep,
        experimentId -> experimentName(experimentId, names));
  }

  /**
   * The lowest and highest id of a selection's runs, or null when none match: where a walk through
   * them starts and ends.
   */
  @Transactional(readOnly = true)
  public long[] idRange(RunSelection selection, Collection<Long> sessionIds) {
    if (selection.experimentId() != null) {
      // from the (experiment, run) index alone; the walk filters the rest window by window
      Object[] members =
          (Object[])
              entityManager
                  .createNativeQuery(
                      "select min(run_id), max(run_id) from experiment_runs where experiment_id = ?1")
                  .setParameter(1, selection.experimentId())
                  .getSingleResult();
      return members[0] == null
          ? null
          : new long[] {((Number) members[0]).longValue(), ((Number) members[1]).longValue()};
    }
    Specification<RunEntity> spec = matching(selection, sessionIds);
    CriteriaBuilder cb = entityManager.getCriteriaBuilder();
    CriteriaQuery<Object[]> query = cb.createQuery(Object[].class);
    Root<RunEntity> root = query.from(RunEntity.class);
    Path<Long> id = root.get("id");
    query.multiselect(cb.min(id), cb.max(id)).where(spec.toPredicate(root, query, cb));
    Object[] range = entityManager.createQuery(query).getSingleResult();
    return range[0] == null ? null : new long[] {(Long) range[0], (Long) range[1]};
  }

  @Transactional(readOnly = true)
  public long count(RunSelection selection, Collection<Long> sessionIds) {
    return runs.count(matching(selection, sessionIds));
  }

  /** How many stored images a selection's runs point at: outputs, init images and masks. */
  @Transactional(readOnly = true)
  public long countImages(RunSelection selection, Collection<Long> sessionIds) {
    Specification<RunEntity> spec = matching(selection, sessionIds);
    CriteriaBuilder cb = entityManager.getCriteriaBuilder();
    CriteriaQuery<Long> outputs = cb.createQuery(Long.class);
    Root<RunEntity> root = outputs.from(RunEntity.class);
    outputs.select(cb.count(root.join("outputs"))).where(spec.toPredicate(root, outputs, cb));
    CriteriaQuery<Long> sources = cb.createQuery(Long.class);
    Root<RunEntity> source = sources.from(RunEntity.class);
    sources
        .select(cb.count(source))
        .where(
            cb.and(
                spec.toPredicate(source, sources, cb),
                cb.isNotNull(source.get("settings").get("initImage"))));
    long images = entityManager.createQuery(outputs).getSingleResult();
    return images + 2 * entityManager.createQuery(sources).getSingleResult();
  }

  /**
   * The distinct models, samplers, schedules, noise generators, devices and precisions, in one pass
   * over the selection.
   */
  @Transactional(readOnly = true)
  public RunVocabulary vocabulary(RunSelection selection, Collection<Long> sessionIds) {
    Specification<RunEntity> spec = matching(selection, sessionIds);
    CriteriaBuilder cb = entityManager.getCriteriaBuilder();
    CriteriaQuery<Object[]> query = cb.createQuery(Object[].class);
    Root<RunEntity> root = query.from(RunEntity.class);
    Path<?> settings = root.get("settings");
    List<jakarta.persistence.criteria.Expression<?>> columns =
        List.of(
            settings.get("modelName"),
            settings.get("sampler"),
            settings.get("schedule"),
            settings.get("rng"),
            root.get("device"),
            root.get("precision"));
    List<jakarta.persistence.criteria.Selection<?>> selected = new ArrayList<>(columns);
    selected.add(cb.count(root));
    query.multiselect(selected).where(spec.toPredicate(root, query, cb)).groupBy(columns);
    List<Set<String>> values = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      values.add(new TreeSet<>());
    }
    long count = 0;
    for (Object[] row : entityManager.createQuery(query).getResultList()) {
      for (int i = 0; i < columns.size(); i++) {
        if (row[i] != null) {
          values.get(i).add((String) row[i]);
        }
      }
      count += (Long) row[columns.size()];
    }
    return new RunVocabulary(
        values.get(0),
        values.get(1),
        values.get(2),
        values.get(3),
        values.get(4),
        values.get(5),
        count);
  }

  /** The model versions a selection used: content hash → name. */
  @Transactional(readOnly = true)
  public Map<String, String> modelVersions(RunSelection selection, Collection<Long> sessionIds) {
    Specification<RunEntity> spec = matching(selection, sessionIds);
    CriteriaBuilder cb = entityManager.getCriteriaBuilder();
    CriteriaQuery<Object[]> query = cb.createQuery(Object[].class);
    Root<RunEntity> root = query.from(RunEntity.class);
    Path<?> settings = root.get("settings");
    query
        .multiselect(settings.get("model"), settings.get("modelName"))
        .distinct(true)
        .where(spec.toPredicate(root, query, cb));
    Map<String, String> versions = new java.util.TreeMap<>();
    for (Object[] row : entityManager.createQuery(query).getResultList()) {
      versions.put((String) row[0], (String) row[1]);
    }
    return versions;
  }

  /** Checks a query without running it. */
  public void validate(String query) {
    queries.specification(query);
  }

  @Transactional(readOnly = true)
  public long countActive(long sessionId) {
    return runs.countBySessionIdAndStatusIn(sessionId, ACTIVE);
  }

  @Transactional(readOnly = true)
  public List<Long> queued() {
    return runs.findByStatusOrderByIdAsc(RunStatus.QUEUED).stream().map(RunEntity::id).toList();
  }

  private void record(RunEntity entity, RunStatus from, String cause) {
    transitions.save(
        new RunTransitionEntity(
            new RunTransition(
                entity.id(),
                from,
                entity.status(),
                Instant.now(),
                cause,
                node.name(),
                entity.attempt())));
  }

  /**
   * Tells the listeners in this transaction (the ledger settles the run's charge in it) and after
   * it (sweeps, watchers) that the run has ended.
   */
  private void publishEnded(RunEntity entity, double deviceSeconds, double cost) {
    events.publishEvent(
        new RunEnded(entity.id(), entity.sessionId(), entity.status(), deviceSeconds, cost));
  }

  private RunEntity entity(long id) {
    return runs.findById(id)
        .orElseThrow(() -> new NotFoundException("run " + id + " does not exist"));
  }

  private Run view(RunEntity entity) {
    return view(entity, new HashMap<>());
  }

  private Run view(RunEntity entity, Map<Long, String> experimentNames) {
    return entity.toRun(experimentId -> experimentName(experimentId, experimentNames));
  }

  private String experimentName(long experimentId, Map<Long, String> cache) {
    return cache.computeIfAbsent(
        experimentId, id -> experiments.findById(id).map(ExperimentEntity::name).orElse("#" + id));
  }
}
