package com.diffusionlab.governance;

import com.diffusionlab.AuditEvent;
import com.diffusionlab.NotFoundException;
import com.diffusionlab.engine.FieldError;
import com.diffusionlab.engine.InvalidRequestException;
import com.diffusionlab.governance.internal.approval.GoldenSweepEntity;
import com.diffusionlab.governance.internal.approval.GoldenSweepRepository;
import com.diffusionlab.governance.internal.approval.GoldenSweeps;
import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.identity.Permissions;
import com.diffusionlab.models.ApprovalChange;
import com.diffusionlab.models.ApprovalStatus;
import com.diffusionlab.models.ModelRegistry;
import com.diffusionlab.models.ModelVersion;
import com.diffusionlab.scheduling.Sweep;
import com.diffusionlab.scheduling.SweepDefinition;
import com.diffusionlab.scheduling.SweepService;
import com.diffusionlab.scheduling.SweepYaml;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Administrators approve and retire model versions. An approval runs the golden-prompt sweep
 * ({@link ModelApprovalProperties#goldenSweep()}) on the version, in the same transaction as the
 * status change, so that a sweep that cannot be launched (its file, a cell the model refuses, the
 * administrator's budget) leaves the version a draft, with that error. The status itself lives in
 * the models module ({@link ModelRegistry}); this adds who may move it, the golden sweep and the
 * audit events.
 */
@Service
public class ModelApprovalService {
  private final ModelRegistry models;
  private final SweepService sweeps;
  private final GoldenSweeps golden;
  private final GoldenSweepRepository goldenSweeps;
  private final IdentityService identity;
  private final ApplicationEventPublisher events;

  ModelApprovalService(
      ModelRegistry models,
      SweepService sweeps,
      GoldenSweeps golden,
      GoldenSweepRepository goldenSweeps,
      IdentityService identity,
      ApplicationEventPublisher events) {
    this.models = models;
    this.sweeps = sweeps;
    this.golden = golden;
    this.goldenSweeps = goldenSweeps;
    this.identity = identity;
    this.events = events;
  }

  /**
   * Approves a draft: every session may run it from then on. Its golden-prompt sweep is launched in
   * the administrator's own playground and attached to the approval.
   *
   * @throws NotFoundException when there is no such version
   * @throws InvalidRequestException naming the reason, the status or the golden sweep's fault
   */
  @PreAuthorize(Permissions.ADMINISTER)
  @Transactional
  public ModelApproval approve(long id, String reason) {
    return audited(
        "model.approve",
        id,
        () -> {
          ModelVersion version = models.requireMovable(id, ApprovalStatus.APPROVED);
          SweepDefinition definition = golden.forVersion(version);
          ApprovalChange change =
              models.changeApproval(
                  id, ApprovalStatus.APPROVED, identity.current().username(), reason);
          Sweep sweep = launch(definition);
          goldenSweeps.save(new GoldenSweepEntity(change.id(), id, sweep.id(), definition.name()));
          events.publishEvent(
              AuditEvent.succeeded(
                  "model.approve",
                  target(version),
                  change.reason() + " (golden sweep " + sweep.id() + ")"));
          return new ModelApproval(change, sweep.id());
        });
  }

  /**
   * Retires an approved version, or rejects a draft: no new generation runs it; replays of its runs
   * run only in sandbox sessions.
   *
   * @throws NotFoundException when there is no such version
   * @throws InvalidRequestException naming the reason or the status at fault
   */
  @PreAuthorize(Permissions.ADMINISTER)
  @Transactional
  public ModelApproval retire(long id, String reason) {
    return audited(
        "model.retire",
        id,
        () -> {
          ModelVersion version = models.requireMovable(id, ApprovalStatus.RETIRED);
          ApprovalChange change =
              models.changeApproval(
                  id, ApprovalStatus.RETIRED, identity.current().username(), reason);
          events.publishEvent(
              AuditEvent.succeeded(
                  change.from() == ApprovalStatus.DRAFT ? "model.reject" : "model.retire",
                  target(version),
                  change.reason()));
          return new ModelApproval(change, null);
        });
  }

  /** Runs a move; a refusal is audited before it reaches the caller. */
  private ModelApproval audited(String action, long id, Supplier<ModelApproval> move) {
    try {
      return move.get();
    } catch (InvalidRequestException | NotFoundException e) {
      events.publishEvent(AuditEvent.refused(action, "model " + id, e.getMessage()));
      throw e;
    }
  }

  private Sweep launch(SweepDefinition definition) {
    try {
      return sweeps.launch(SweepYaml.toYaml(definition));
    } catch (InvalidRequestException e) {
      throw new InvalidRequestException(
          e.errors().stream()
              .map(
                  error ->
                      new FieldError(
                          "golden sweep: " + error.field(), error.value(), error.allowed()))
              .toList());
    }
  }

  private static String target(ModelVersion version) {
    return "model " + version.id() + " " + version.label();
  }

  /** A version's approval history, the newest move first, with the golden sweeps. */
  @PreAuthorize(Permissions.LOOK)
  @Transactional(readOnly = true)
  public List<ModelApproval> history(long id) {
    models.require(id);
    Map<Long, Long> sweepOfChange =
        goldenSweeps.findAllByOrderByChangeIdDesc().stream()
            .filter(golden -> golden.modelVersionId() == id)
            .collect(Collectors.toMap(GoldenSweepEntity::changeId, GoldenSweepEntity::sweepId));
    return models.history(id).stream()
        .map(change -> new ModelApproval(change, sweepOfChange.get(change.id())))
        .toList();
  }

  /**
   * The version's golden grid beside the one of the version of its name approved before it with a
   * golden sweep.
   *
   * @throws NotFoundException when there is no such version
   */
  @PreAuthorize(Permissions.LOOK)
  @Transactional(readOnly = true)
  public GoldenComparison golden(long id) {
    ModelVersion version = models.require(id);
    List<GoldenSweepEntity> all = goldenSweeps.findAllByOrderByChangeIdDesc();
    GoldenSweepEntity own =
        all.stream().filter(g -> g.modelVersionId() == id).findFirst().orElse(null);
    Map<Long, ModelVersion> byId =
        models.all().stream().collect(Collectors.toMap(ModelVersion::id, Function.identity()));
    GoldenSweepEntity before =
        all.stream()
            .filter(g -> g.modelVersionId() != id)
            .filter(g -> own == null || g.changeId() < own.changeId())
            .filter(
                g ->
                    byId.containsKey(g.modelVersionId())
                        && Objects.equals(byId.get(g.modelVersionId()).name(), version.name()))
            .findFirst()
            .orElse(null);
    return new GoldenComparison(
        version,
        own == null ? null : own.sweepId(),
        before == null ? null : byId.get(before.modelVersionId()),
        before == null ? null : before.sweepId());
  }
}
