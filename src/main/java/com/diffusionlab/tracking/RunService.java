package com.diffusionlab.tracking;

import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.tracking.internal.ExperimentEntity;
import com.diffusionlab.tracking.internal.ExperimentRepository;
import com.diffusionlab.tracking.internal.RunEntity;
import com.diffusionlab.tracking.internal.RunRepository;
import com.diffusionlab.tracking.query.RunQueries;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Slice;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every generation is a run, recorded before work starts and updated as it runs, succeeds, fails or
 * is cancelled; runs belong to an experiment in a session and carry tags and notes.
 */
@Service
public class RunService {

  public static final String DEFAULT_EXPERIMENT = "default";
  private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{N}_.:-]{1,64}");
  private static final List<RunStatus> ACTIVE = List.of(RunStatus.QUEUED, RunStatus.RUNNING);

  private final RunRepository runs;
  private final ExperimentRepository experiments;
  private final RunQueries queries;

  RunService(RunRepository runs, ExperimentRepository experiments, IdentityService identity) {
    this.runs = runs;
    this.experiments = experiments;
    this.queries =
        new RunQueries(
            name ->
                experiments.findByNameIn(List.of(name)).stream().map(ExperimentEntity::id).toList(),
            part ->
                experiments.findAll().stream()
                    .filter(
                        e ->
                            e.toExperiment()
                                .name()
                                .toLowerCase(Locale.ROOT)
                                .contains(part.toLowerCase(Locale.ROOT)))
                    .map(ExperimentEntity::id)
                    .toList(),
            username -> identity.find(username).map(user -> List.of(user.id())).orElse(List.of()));
  }

  /** Records a run as QUEUED: it exists before any work is done. */
  @Transactional
  public Run create(NewRun spec) {
    ExperimentEntity experiment =
        experiment(spec.sessionId(), spec.experimentName(), spec.userId());
    RunEntity entity =
        runs.save(
            new RunEntity(
                spec.sessionId(),
                experiment.id(),
                spec.userId(),
                spec.parentId(),
                spec.parameters(),
                spec.estimateSeconds(),
                Instant.now()));
    return view(entity);
  }

  private ExperimentEntity experiment(long sessionId, String name, long userId) {
    String experimentName = name == null || name.isBlank() ? DEFAULT_EXPERIMENT : name.strip();
    if (experimentName.length() > 200) {
      throw new IllegalArgumentException(
          "experiment='"
              + experimentName.substring(0, 20)
              + "…' is not allowed: at most 200 characters");
    }
    return experiments
        .findBySessionIdAndName(sessionId, experimentName)
        .orElseGet(
            () ->
                experiments.save(
                    new ExperimentEntity(sessionId, experimentName, null, userId, Instant.now())));
  }

  @Transactional
  public Run started(long id) {
    RunEntity entity = entity(id);
    entity.start(Instant.now());
    return view(entity);
  }

  /**
   * @param reproduction a replay's verdict, written in the same transaction as its success; null
   *     for a run that replays nothing
   */
  @Transactional
  public Run succeeded(long id, RunCompletion completion, Reproduction reproduction) {
    RunEntity entity = entity(id);
    entity.succeed(completion, Instant.now());
    if (reproduction != null) {
      entity.reproduction(reproduction.exactly(), reproduction.note());
    }
    return view(entity);
  }

  @Transactional
  public Run ended(long id, RunStatus outcome, String reason) {
    RunEntity entity = entity(id);
    entity.end(outcome, reason, Instant.now());
    return view(entity);
  }

  /**
   * @throws IllegalArgumentException naming a tag that is not 1–64 letters, digits or {@code _.:-}
   */
  @Transactional
  public Run tag(long id, Set<String> tags) {
    for (String tag : tags) {
      if (!TAG.matcher(tag).matches()) {
        throw new IllegalArgumentException(
            "tag='" + tag + "' is not allowed: 1 to 64 letters, digits, '_', '.', ':' or '-'");
      }
    }
    RunEntity entity = entity(id);
    entity.tags(tags);
    return view(entity);
  }

  @Transactional
  public Run annotate(long id, String notes) {
    if (notes != null && notes.length() > 20_000) {
      throw new IllegalArgumentException("notes are not allowed: at most 20000 characters");
    }
    RunEntity entity = entity(id);
    entity.notes(notes);
    return view(entity);
  }

  @Transactional(readOnly = true)
  public Optional<Run> find(long id) {
    return runs.findById(id).map(this::view);
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

  /** Runs left RUNNING by a process that died: they fail, with the reason. */
  @Transactional
  public int failInterrupted(String reason) {
    List<RunEntity> running = runs.findByStatusOrderByIdAsc(RunStatus.RUNNING);
    Instant now = Instant.now();
    running.forEach(run -> run.end(RunStatus.FAILED, reason, now));
    return running.size();
  }

  @Transactional(readOnly = true)
  public List<Experiment> experiments(long sessionId) {
    return experiments.findBySessionIdOrderByIdAsc(sessionId).stream()
        .map(ExperimentEntity::toExperiment)
        .toList();
  }

  private RunEntity entity(long id) {
    return runs.findById(id)
        .orElseThrow(() -> new IllegalArgumentException("run " + id + " does not exist"));
  }

  private Run view(RunEntity entity) {
    return view(entity, new HashMap<>());
  }

  private Run view(RunEntity entity, Map<Long, String> experimentNames) {
    long experimentId = entity.experimentId();
    String name =
        experimentNames.computeIfAbsent(
            experimentId,
            id ->
                experiments
                    .findById(id)
                    .map(e -> e.toExperiment().name())
                    .orElse(DEFAULT_EXPERIMENT));
    return entity.toRun(name);
  }
}
