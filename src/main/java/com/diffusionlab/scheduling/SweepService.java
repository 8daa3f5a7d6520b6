package com.diffusionlab.scheduling;

import com.diffusionlab.AuditEvent;
import com.diffusionlab.NotFoundException;
import com.diffusionlab.Readiness;
import com.diffusionlab.engine.FieldError;
import com.diffusionlab.engine.InvalidRequestException;
import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.identity.LabUser;
import com.diffusionlab.identity.Permissions;
import com.diffusionlab.identity.Relation;
import com.diffusionlab.scheduling.internal.SweepCellEntity;
import com.diffusionlab.scheduling.internal.SweepCellRepository;
import com.diffusionlab.scheduling.internal.SweepEntity;
import com.diffusionlab.scheduling.internal.SweepRepository;
import com.diffusionlab.sessions.PlaygroundSession;
import com.diffusionlab.sessions.QuotaExceededException;
import com.diffusionlab.sessions.SessionAction;
import com.diffusionlab.sessions.SessionService;
import com.diffusionlab.tracking.Experiment;
import com.diffusionlab.tracking.ExperimentService;
import com.diffusionlab.tracking.GenerationFields;
import com.diffusionlab.tracking.GenerationSettings;
import com.diffusionlab.tracking.Run;
import com.diffusionlab.tracking.RunService;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sweeps (AUTOMATIC1111's X/Y/Z plot as tracked runs): a definition is checked cell by cell and
 * estimated as a whole against the session's quota before anything is queued; launched, its cells
 * become runs of its experiment as the session has room ({@link SweepRunner}).
 */
@Service
public class SweepService {

  private final GenerationService generations;
  private final SessionService sessions;
  private final ExperimentService experiments;
  private final RunService runs;
  private final IdentityService identity;
  private final SweepRepository sweeps;
  private final SweepCellRepository cells;
  private final SweepRunner runner;
  private final JsonMapper json;
  private final TransactionTemplate transaction;
  private final Readiness readiness;
  private final ApplicationEventPublisher events;
  private final SecureRandom seeds = new SecureRandom();

  SweepService(
      GenerationService generations,
      SessionService sessions,
      ExperimentService experiments,
      RunService runs,
      IdentityService identity,
      SweepRepository sweeps,
      SweepCellRepository cells,
      SweepRunner runner,
      JsonMapper json,
      PlatformTransactionManager transactions,
      Readiness readiness,
      ApplicationEventPublisher events) {
    this.generations = generations;
    this.sessions = sessions;
    this.experiments = experiments;
    this.runs = runs;
    this.identity = identity;
    this.sweeps = sweeps;
    this.cells = cells;
    this.runner = runner;
    this.json = json;
    this.transaction = new TransactionTemplate(transactions);
    this.readiness = readiness;
    this.events = events;
  }

  /**
   * Checks a sweep definition and estimates it, without queueing anything.
   *
   * @throws SweepDefinitionException naming the line, the key and what is allowed
   * @throws InvalidRequestException naming the cell and the field a cell's settings break
   */
  @PreAuthorize(Permissions.GENERATE)
  public SweepPlan plan(String yaml) {
    readiness.require();
    return plan(SweepYaml.parse(yaml), identity.current()).plan();
  }

  /**
   * Launches a sweep: refused, with the limit and the figures, when its estimate does not fit the
   * session's budget; otherwise recorded with every cell and fed to the queue.
   */
  @PreAuthorize(Permissions.GENERATE)
  public Sweep launch(String yaml) {
    readiness.require();
    LabUser user = identity.current();
    Checked checked = plan(SweepYaml.parse(yaml), user);
    SweepPlan plan = checked.plan();
    if (!plan.fits()) {
      QuotaExceededException refused = checked.overBudget().named("sweep");
      events.publishEvent(
          AuditEvent.refused("sweep.launch", "session " + plan.sessionId(), refused.getMessage()));
      throw refused;
    }
    SweepDefinition definition = plan.definition();
    Experiment experiment =
        experiments.ensureOwn(definition.experiment(), definition.description(), plan.sessionId());
    SweepEntity saved =
        transaction.execute(
            tx -> {
              SweepEntity sweep =
                  sweeps.save(
                      new SweepEntity(
                          experiment.id(),
                          plan.sessionId(),
                          user.id(),
                          definition.name(),
                          SweepYaml.toYaml(definition),
                          json.writeValueAsString(axes(definition)),
                          plan.estimate().cells(),
                          plan.estimate().seconds(),
                          plan.estimate().deviceSeconds(),
                          plan.estimate().cost(),
                          plan.estimate().peakMemoryBytes(),
                          Instant.now()));
              List<SweepCell> all = definition.cells();
              for (int i = 0; i < all.size(); i++) {
                SweepCell cell = all.get(i);
                cells.save(
                    new SweepCellEntity(
                        sweep.id(),
                        i,
                        cell.x(),
                        cell.y(),
                        cell.z(),
                        cell.label(),
                        json.writeValueAsString(checked.recorded().get(i))));
              }
              events.publishEvent(
                  AuditEvent.succeeded(
                      "sweep.launch",
                      "sweep " + sweep.id(),
                      all.size() + " cells in session " + plan.sessionId()));
              return sweep;
            });
    advanceOnceCommitted(saved.id());
    return view(saved);
  }

  /**
   * Starts feeding the sweep to the queue, on the sweeps' thread, which sees it only once it is
   * committed: after the caller's transaction when the launch joined one (a model approval's).
   */
  private void advanceOnceCommitted(long sweepId) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      runner.advanceLater(sweepId);
      return;
    }
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            runner.advanceLater(sweepId);
          }
        });
  }

  /** A sweep's definition and every cell's run as it stands. */
  @PreAuthorize(Permissions.LOOK)
  public SweepGrid grid(long id) {
    return grid(id, SweepAction.READ);
  }

  /**
   * {@link #grid(long)} for an action on the sweep, such as downloading it ({@link
   * SweepAction#RULES}).
   */
  @PreAuthorize(Permissions.LOOK)
  public SweepGrid grid(long id, SweepAction action) {
    SweepEntity sweep = sweep(id, action);
    List<SweepGrid.Cell> grid = new ArrayList<>();
    for (SweepCellEntity cell : cells.findByKeySweepIdOrderByKeyIndex(id)) {
      Optional<Run> run = cell.runId() == null ? Optional.empty() : runs.find(cell.runId());
      grid.add(
          new SweepGrid.Cell(
              cell.index(),
              cell.x(),
              cell.y(),
              cell.z(),
              cell.axisValues(),
              cell.runId(),
              run.map(Run::status).orElse(null),
              run.filter(r -> !r.outputs().isEmpty())
                  .map(r -> r.outputs().getFirst().thumbnail())
                  .orElse(null),
              run.filter(r -> !r.outputs().isEmpty())
                  .map(r -> r.outputs().getFirst().sha256())
                  .orElse(null)));
    }
    return new SweepGrid(view(sweep), grid);
  }

  /** The sweeps of an experiment, newest first. */
  @PreAuthorize(Permissions.LOOK)
  public List<Sweep> ofExperiment(long experimentId) {
    experiments.require(experimentId);
    return sweeps.findByExperimentIdOrderByIdDesc(experimentId).stream().map(this::view).toList();
  }

  /** Stops a sweep: no more cells are queued, and its queued and running runs are cancelled. */
  @PreAuthorize(Permissions.GENERATE)
  public Sweep cancel(long id) {
    LabUser user = identity.current();
    SweepEntity sweep = sweep(id, SweepAction.CANCEL);
    sweep.end(SweepEntity.Status.CANCELLED, "cancelled by " + user.username(), Instant.now());
    sweeps.save(sweep);
    events.publishEvent(AuditEvent.succeeded("sweep.cancel", "sweep " + id));
    for (SweepCellEntity cell : cells.findByKeySweepIdOrderByKeyIndex(id)) {
      if (cell.runId() != null
          && runs.find(cell.runId()).map(r -> !r.status().finished()).orElse(false)) {
        generations.cancel(cell.runId());
      }
    }
    return view(sweep);
  }

  /**
   * Where the runs with ids in {@code [fromRunId, toRunId]} sit in sweeps, for exports that walk
   * runs by id: run id → sweep and axis values. A range, not a list of ids, keeps this one index
   * scan however many runs a page holds.
   */
  public Map<Long, SweepPlace> placesBetween(long fromRunId, long toRunId) {
    Map<Long, SweepPlace> places = new HashMap<>();
    for (SweepCellEntity cell : cells.findByRunIdBetween(fromRunId, toRunId)) {
      places.put(cell.runId(), new SweepPlace(cell.sweepId(), cell.axisValues()));
    }
    return places;
  }

  /** A run's place in a sweep. */
  public record SweepPlace(long sweepId, String axisValues) {}

  /** A plan with each cell's settings as its run will record them. */
  /**
   * @param overBudget why the whole sweep does not fit the budget, with the figures; null when it
   *     fits
   */
  private record Checked(
      SweepPlan plan, List<GenerationSettings> recorded, QuotaExceededException overBudget) {}

  private Checked plan(SweepDefinition asked, LabUser user) {
    SweepDefinition definition = withOneSeed(asked);
    PlaygroundSession session =
        definition.sessionId() == null
            ? sessions.defaultFor(user)
            : sessions.require(definition.sessionId(), user, SessionAction.SUBMIT);
    List<GenerationSettings> recorded = new ArrayList<>();
    double seconds = 0;
    double deviceSeconds = 0;
    double cost = 0;
    long peak = 0;
    for (SweepCell cell : definition.cells()) {
      PreparedGeneration prepared;
      try {
        prepared =
            generations.prepare(
                user, new GenerationSubmission(session.id(), null, cell.settings()), null);
        sessions.checkLimits(session, prepared.job());
      } catch (InvalidRequestException e) {
        throw inCell(cell, e);
      }
      recorded.add(prepared.recorded());
      seconds += prepared.estimate().seconds();
      deviceSeconds += prepared.estimate().deviceSeconds();
      cost += prepared.estimate().cost();
      peak = Math.max(peak, prepared.estimate().peakMemoryBytes());
    }
    SweepEstimate estimate =
        new SweepEstimate(definition.cellCount(), seconds, deviceSeconds, cost, peak);
    double remaining = sessions.usage(session.id()).remainingDeviceSeconds();
    QuotaExceededException overBudget = null;
    try {
      sessions.checkBudget(
          session, deviceSeconds, "estimated for " + definition.cellCount() + " cells");
    } catch (QuotaExceededException e) {
      overBudget = e;
    }
    return new Checked(
        new SweepPlan(
            definition,
            session.id(),
            estimate,
            remaining,
            overBudget == null,
            overBudget == null ? null : overBudget.getMessage()),
        recorded,
        overBudget);
  }

  /**
   * Without a seed in its base (and no seed axis), every cell gets the same random seed, as in
   * AUTOMATIC1111's grids: the cells then differ only by their axis values.
   */
  private SweepDefinition withOneSeed(SweepDefinition definition) {
    boolean seedAxis =
        Stream.of(definition.x(), definition.y(), definition.z())
            .anyMatch(axis -> axis != null && axis.field().equals(GenerationFields.SEED));
    if (definition.base().seed() != null || seedAxis) {
      return definition;
    }
    return new SweepDefinition(
        definition.name(),
        definition.experiment(),
        definition.description(),
        definition.sessionId(),
        definition.base().withSeed(seeds.nextLong(1L << 32)),
        definition.x(),
        definition.y(),
        definition.z());
  }

  private static InvalidRequestException inCell(SweepCell cell, InvalidRequestException e) {
    List<FieldError> named =
        e.errors().stream()
            .map(
                error ->
                    new FieldError(
                        "cell " + cell.label() + ": " + error.field(),
                        error.value(),
                        error.allowed()))
            .toList();
    return e instanceof QuotaExceededException quota
        ? quota.named(named.getFirst().field())
        : new InvalidRequestException(named);
  }

  private static List<AxisLabels> axes(SweepDefinition definition) {
    List<AxisLabels> axes = new ArrayList<>();
    String[] names = {"x", "y", "z"};
    SweepAxis[] all = {definition.x(), definition.y(), definition.z()};
    for (int i = 0; i < all.length; i++) {
      SweepAxis axis = all[i];
      if (axis != null) {
        List<String> labels = new ArrayList<>();
        for (int v = 0; v < axis.size(); v++) {
          labels.add(axis.label(v));
        }
        axes.add(new AxisLabels(names[i], axis.changes(), labels));
      }
    }
    return axes;
  }

  /** Whether the signed-in user may take the action: for the UI to offer it or not. */
  @PreAuthorize(Permissions.LOOK)
  public boolean allows(Sweep sweep, SweepAction action) {
    LabUser user = identity.current();
    return SweepAction.RULES.allows(
        user, relation(sweep.ownerId(), sweep.sessionId(), user), action);
  }

  private Relation relation(long ownerId, long sessionId, LabUser user) {
    return Relation.of(user, ownerId, sessions.isMember(sessionId, user));
  }

  /**
   * @throws NotFoundException when there is no such sweep or the signed-in user may not see it
   * @throws AccessDeniedException when they may see it but not take the action
   */
  private SweepEntity sweep(long id, SweepAction action) {
    LabUser user = identity.current();
    SweepEntity sweep =
        sweeps
            .findById(id)
            .orElseThrow(() -> new NotFoundException("sweep " + id + " does not exist"));
    SweepAction.RULES.require(
        user, relation(sweep.ownerId(), sweep.sessionId(), user), action, "sweep " + id, events);
    return sweep;
  }

  private Sweep view(SweepEntity sweep) {
    return new Sweep(
        sweep.id(),
        sweep.name(),
        sweep.experimentId(),
        sweep.sessionId(),
        sweep.ownerId(),
        sweep.status().name(),
        new SweepEstimate(
            sweep.cellCount(),
            sweep.estimateSeconds(),
            sweep.estimateDeviceSeconds(),
            sweep.estimateCost(),
            sweep.estimatePeakBytes()),
        json.readValue(sweep.axes(), new TypeReference<List<AxisLabels>>() {}),
        sweep.definition(),
        sweep.error(),
        sweep.createdAt(),
        sweep.finishedAt());
  }
}
