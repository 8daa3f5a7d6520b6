package com.diffusionlab.scheduling;

import com.diffusionlab.engine.GenerationRequest;
import com.diffusionlab.engine.InvalidRequestException;
import com.diffusionlab.engine.noise.NoiseKind;
import com.diffusionlab.engine.sampling.SamplerFactory;
import com.diffusionlab.engine.sampling.SamplerSettings;
import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.identity.LabUser;
import com.diffusionlab.identity.Permissions;
import com.diffusionlab.models.ModelRegistry;
import com.diffusionlab.models.ModelVersion;
import com.diffusionlab.scheduling.internal.Estimator;
import com.diffusionlab.scheduling.internal.GenerationWorker;
import com.diffusionlab.sessions.PlaygroundSession;
import com.diffusionlab.sessions.SessionService;
import com.diffusionlab.tracking.NewRun;
import com.diffusionlab.tracking.Run;
import com.diffusionlab.tracking.RunParameters;
import com.diffusionlab.tracking.RunService;
import com.diffusionlab.tracking.RunStatus;
import java.security.SecureRandom;
import java.util.function.Consumer;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Accepts generations: validates every field and the session's quota before anything is queued or
 * charged, records the run, and hands it to the worker. The same rules hold for the UI and the REST
 * API, which both call this.
 */
@Service
public class GenerationService {

  private final IdentityService identity;
  private final SessionService sessions;
  private final ModelRegistry models;
  private final RunService runs;
  private final Estimator estimator;
  private final GenerationWorker worker;
  private final SecureRandom seeds = new SecureRandom();

  GenerationService(
      IdentityService identity,
      SessionService sessions,
      ModelRegistry models,
      RunService runs,
      Estimator estimator,
      GenerationWorker worker) {
    this.identity = identity;
    this.sessions = sessions;
    this.models = models;
    this.runs = runs;
    this.estimator = estimator;
    this.worker = worker;
  }

  /**
   * Queues a generation for the signed-in user.
   *
   * @throws InvalidRequestException naming the field, the value and what is allowed (including
   *     quota limits); nothing is recorded or charged then
   */
  @PreAuthorize(Permissions.GENERATE)
  public Run submit(GenerationAsk ask) {
    return submit(ask, null, null);
  }

  /**
   * Queues a generation and follows it from the first event on (the watcher is registered before
   * the worker can start it).
   */
  @PreAuthorize(Permissions.GENERATE)
  public Run submit(GenerationAsk ask, Consumer<RunProgress> watcher) {
    return submit(ask, null, watcher);
  }

  /** The estimate the playground shows before launch; validates like {@link #submit}. */
  @PreAuthorize(Permissions.LOOK)
  public Estimate estimate(GenerationAsk ask) {
    ModelVersion model = models.requireUsable(ask.model());
    return estimator.estimate(model, resolve(ask, model).validate());
  }

  /**
   * Queues a run with the parameters of {@code runId} on the same model version, recording the
   * original as its parent; when it finishes, its outputs are compared with the parent's.
   */
  @PreAuthorize(Permissions.GENERATE)
  public Run replay(long runId) {
    return submit(replayAsk(runId), runId, null);
  }

  /** {@link #replay(long)} followed from its first event. */
  @PreAuthorize(Permissions.GENERATE)
  public Run replay(long runId, Consumer<RunProgress> watcher) {
    return submit(replayAsk(runId), runId, watcher);
  }

  private GenerationAsk replayAsk(long runId) {
    Run parent =
        runs.find(runId)
            .orElseThrow(() -> new IllegalArgumentException("run " + runId + " does not exist"));
    LabUser user = identity.current();
    sessions.require(parent.sessionId(), user);
    RunParameters p = parent.parameters();
    if (models.find(p.modelHash()).filter(ModelVersion::usable).isEmpty()) {
      throw new InvalidRequestException(
          "model",
          p.modelName() + " (" + p.modelHash().substring(0, 10) + ")",
          "the exact model version of the original run; it is no longer available");
    }
    return new GenerationAsk(
        parent.sessionId(),
        parent.experimentName(),
        p.modelHash(),
        p.prompt(),
        p.negativePrompt(),
        p.seed(),
        p.steps(),
        p.cfg(),
        p.sampler(),
        p.schedule(),
        p.eta(),
        p.width(),
        p.height(),
        p.batch(),
        p.rng(),
        p.clipSkip(),
        p.initImage(),
        p.strength(),
        p.maskImage());
  }

  private Run submit(GenerationAsk ask, Long parentId, Consumer<RunProgress> watcher) {
    LabUser user = identity.current();
    if (!user.role().canGenerate()) {
      throw new AccessDeniedException("viewers cannot generate");
    }
    ModelVersion model = models.requireUsable(ask.model());
    GenerationAsk seeded = ask.seed() == null ? ask.withSeed(seeds.nextLong(1L << 32)) : ask;
    GenerationRequest request = resolve(seeded, model).validate();
    PlaygroundSession session =
        seeded.sessionId() == null
            ? sessions.defaultFor(user)
            : sessions.require(seeded.sessionId(), user);
    Estimate estimate = estimator.estimate(model, request);
    sessions.admit(
        session,
        model.contentHash(),
        request.width(),
        request.height(),
        request.steps(),
        request.batch(),
        runs.countActive(session.id()),
        estimate.deviceSeconds());
    SamplerSettings sampler = SamplerFactory.canonical(request.sampler());
    Run run =
        runs.create(
            new NewRun(
                session.id(),
                seeded.experiment(),
                user.id(),
                parentId,
                new RunParameters(
                    request.prompt(),
                    request.negativePrompt(),
                    model.name(),
                    model.contentHash(),
                    sampler.name(),
                    sampler.schedule(),
                    sampler.eta(),
                    request.steps(),
                    request.cfg(),
                    request.width(),
                    request.height(),
                    request.batch(),
                    request.seed(),
                    request.rng().id(),
                    request.clipSkip(),
                    seeded.initImage() != null ? request.strength() : null,
                    seeded.initImage(),
                    seeded.maskImage()),
                estimate.seconds()));
    if (watcher != null) {
      worker.watch(run.id(), watcher);
    }
    worker.enqueue(run.id());
    return run;
  }

  /**
   * The engine request an ask stands for; images are checked to exist, not loaded.
   *
   * @throws InvalidRequestException for unknown sampler, rng or images
   */
  private GenerationRequest resolve(GenerationAsk ask, ModelVersion model) {
    NoiseKind rng;
    try {
      rng = NoiseKind.parse(ask.rng() == null ? "philox" : ask.rng());
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException("rng", ask.rng(), "philox or torch-cpu");
    }
    if (ask.maskImage() != null && ask.initImage() == null) {
      throw new InvalidRequestException("maskImage", ask.maskImage(), "only with an initImage");
    }
    GenerationRequest.Builder builder =
        GenerationRequest.builder(ask.prompt())
            .negativePrompt(ask.negativePrompt() == null ? "" : ask.negativePrompt())
            .seed(ask.seed() == null ? 0 : ask.seed())
            .steps(ask.steps())
            .cfg(ask.cfg())
            .sampler(
                new SamplerSettings(
                    ask.sampler() == null ? "euler" : ask.sampler(), ask.schedule(), ask.eta()))
            .size(
                ask.width() > 0 ? ask.width() : model.defaultSize(),
                ask.height() > 0 ? ask.height() : model.defaultSize())
            .batch(ask.batch() > 0 ? ask.batch() : 1)
            .rng(rng)
            .clipSkip(ask.clipSkip() > 0 ? ask.clipSkip() : 1);
    if (ask.initImage() != null) {
      builder.initImage(
          worker.image(ask.initImage(), "initImage"),
          ask.strength() == null ? 0.75 : ask.strength());
      if (ask.maskImage() != null) {
        builder.mask(worker.mask(ask.maskImage(), "maskImage"));
      }
    }
    return builder.build();
  }

  /** Asks a queued or running run to stop; a running one stops between steps. */
  @PreAuthorize(Permissions.GENERATE)
  public void cancel(long runId) {
    Run run =
        runs.find(runId)
            .orElseThrow(() -> new IllegalArgumentException("run " + runId + " does not exist"));
    sessions.require(run.sessionId(), identity.current());
    if (!run.status().finished()) {
      worker.cancel(runId);
      if (run.status() == RunStatus.QUEUED) {
        runs.ended(runId, RunStatus.CANCELLED, "cancelled before it started");
      }
    }
  }

  /** Follows a run's progress; the returned handle stops following. */
  public AutoCloseable watch(long runId, Consumer<RunProgress> listener) {
    return worker.watch(runId, listener);
  }
}
