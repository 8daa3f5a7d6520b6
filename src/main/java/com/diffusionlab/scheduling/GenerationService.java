package com.diffusionlab.scheduling;

import com.diffusionlab.AuditEvent;
import com.diffusionlab.LabProperties;
import com.diffusionlab.Readiness;
import com.diffusionlab.engine.GenerationRequest;
import com.diffusionlab.engine.InvalidRequestException;
import com.diffusionlab.engine.image.Mask;
import com.diffusionlab.engine.image.RgbImage;
import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.identity.LabUser;
import com.diffusionlab.identity.Permissions;
import com.diffusionlab.models.ModelRegistry;
import com.diffusionlab.models.ModelVersion;
import com.diffusionlab.scheduling.internal.Estimator;
import com.diffusionlab.scheduling.internal.GenerationWorker;
import com.diffusionlab.scheduling.internal.LogContext;
import com.diffusionlab.scheduling.internal.ModelAdmission;
import com.diffusionlab.scheduling.internal.ReplayComparison;
import com.diffusionlab.scheduling.internal.RunWatchers;
import com.diffusionlab.scheduling.internal.queue.JobQueue;
import com.diffusionlab.sessions.PlaygroundSession;
import com.diffusionlab.sessions.QuotaExceededException;
import com.diffusionlab.sessions.SessionAction;
import com.diffusionlab.sessions.SessionService;
import com.diffusionlab.tracking.ArtifactAccess;
import com.diffusionlab.tracking.ExperimentRef;
import com.diffusionlab.tracking.GenerationDefaults;
import com.diffusionlab.tracking.GenerationRequests;
import com.diffusionlab.tracking.GenerationSettings;
import com.diffusionlab.tracking.NewRun;
import com.diffusionlab.tracking.Run;
import com.diffusionlab.tracking.RunAction;
import com.diffusionlab.tracking.RunService;
import com.diffusionlab.tracking.RunStatus;
import java.security.SecureRandom;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Accepts generations: fills unset fields from the configured defaults, validates every field and
 * the session's quota before anything is queued or charged, then records the run and queues its job
 * in one transaction (a run is queued if and only if it is recorded). The UI, the REST API and
 * sweeps all submit through here, so the same rules hold. Any node's worker may run the job, of the
 * device class it asks for if it asks for one.
 */
@Service
public class GenerationService {
  private static final Logger LOG = LoggerFactory.getLogger(GenerationService.class);

  private final IdentityService identity;
  private final SessionService sessions;
  private final ModelRegistry models;
  private final RunService runs;
  private final Estimator estimator;
  private final GenerationWorker worker;
  private final JobQueue queue;
  private final ReplayComparison replays;
  private final ModelAdmission admission;
  private final RunWatchers watchers;
  private final TransactionTemplate transactions;
  private final GenerationDefaults defaults;
  private final Readiness readiness;
  private final ApplicationEventPublisher events;
  private final ArtifactAccess images;
  private final String defaultModel;
  private final ObjectProvider<SubmissionPolicy> policies;
  private final SecureRandom seeds = new SecureRandom();

  GenerationService(
      IdentityService identity,
      SessionService sessions,
      ModelRegistry models,
      RunService runs,
      Estimator estimator,
      GenerationWorker worker,
      JobQueue queue,
      ReplayComparison replays,
      ModelAdmission admission,
      RunWatchers watchers,
      TransactionTemplate transactions,
      GenerationDefaults defaults,
      Readiness readiness,
      ApplicationEventPublisher events,
      ArtifactAccess images,
      LabProperties properties,
      ObjectProvider<SubmissionPolicy> policies) {
    this.images = images;
    this.queue = queue;
    this.replays = replays;
    this.admission = admission;
    this.watchers = watchers;
    this.transactions = transactions;
    this.identity = identity;
    this.sessions = sessions;
    this.models = models;
    this.runs = runs;
    this.estimator = estimator;
    this.worker = worker;
    this.defaults = defaults;
    this.readiness = readiness;
    this.events = events;
    this.defaultModel = properties.defaultModel();
    this.policies = policies;
  }

  /** The configured defaults that unset fields take. */
  public GenerationDefaults defaults() {
    return defaults;
  }

  /**
   * Queues a generation for the signed-in user.
   *
   * @throws InvalidRequestException naming the field, the value and what is allowed (including
   *     quota limits); nothing is recorded or charged then
   * @throws com.diffusionlab.NotReadyException while the workspace is starting
   */
  @PreAuthorize(Permissions.GENERATE)
  public Run submit(GenerationSubmission submission) {
    return submit(submission, null);
  }

  /**
   * Queues a generation and follows it from the first event on (the watcher is registered before
   * the worker can start it).
   */
  @PreAuthorize(Permissions.GENERATE)
  public Run submit(GenerationSubmission submission, Consumer<RunProgress> watcher) {
    readiness.require();
    return enqueue(prepare(generatingUser(), submission, null), watcher);
  }

  /** The estimate the playground shows before launch; validates like {@link #submit}. */
  @PreAuthorize(Permissions.LOOK)
  public Estimate estimate(GenerationSubmission submission) {
    readiness.require();
    String deviceClass = requestedDeviceClass(submission);
    ModelVersion model = model(submission.settings());
    return estimator.estimate(
        model, check(identity.current(), submission.settings(), model, 0L).request(), deviceClass);
  }

  /**
   * Queues a run with the settings of {@code runId} on the same model version, recording the
   * original as its parent; when it finishes, its outputs are compared with the parent's.
   */
  @PreAuthorize(Permissions.GENERATE)
  public Run replay(long runId) {
    return replay(runId, null);
  }

  /** {@link #replay(long)} followed from its first event. */
  @PreAuthorize(Permissions.GENERATE)
  public Run replay(long runId, Consumer<RunProgress> watcher) {
    readiness.require();
    LabUser user = generatingUser();
    Run parent = runs.require(runId, RunAction.REPLAY);
    GenerationSettings settings = parent.settings();
    if (models.find(settings.model()).filter(ModelVersion::available).isEmpty()) {
      throw new InvalidRequestException(
          "model",
          settings.modelName() + " (" + settings.model().substring(0, 10) + ")",
          "the exact model version of the original run; it is no longer available");
    }
    return enqueue(
        prepare(
            user,
            new GenerationSubmission(parent.sessionId(), experimentOf(parent), settings),
            runId),
        watcher);
  }

  /**
   * Checks a submission completely for a user and resolves it: the workspace's submission policies
   * first, then defaults, seed, model (its approval against the session, and that its files still
   * hold the registered bytes), session, engine request and estimate. The device class is checked
   * before anything else; a replay asks for its original's. Nothing is recorded.
   */
  PreparedGeneration prepare(LabUser user, GenerationSubmission submission, Long parentId) {
    String deviceClass =
        parentId == null ? requestedDeviceClass(submission) : replays.originalDeviceClass(parentId);
    policies.orderedStream().forEach(policy -> policy.check(user, submission.settings()));
    ModelVersion model = model(submission.settings());
    Checked checked = check(user, submission.settings(), model, null);
    PlaygroundSession session =
        submission.sessionId() == null
            ? sessions.defaultFor(user)
            : sessions.require(submission.sessionId(), user, SessionAction.SUBMIT);
    admission.require(model, session, parentId != null);
    models.requireIntact(model);
    return new PreparedGeneration(
        user,
        session,
        submission.experiment(),
        null,
        parentId,
        model,
        checked.recorded(),
        checked.request(),
        deviceClass,
        estimator.estimate(model, checked.request(), deviceClass));
  }

  private static String requestedDeviceClass(GenerationSubmission submission) {
    return DeviceClasses.require("deviceClass", submission.deviceClass());
  }

  /**
   * Admits a prepared generation to its session's quota, records it and queues its job, in one
   * transaction (the session reserves its estimated device-seconds); a watcher follows it from
   * before any worker can claim it.
   */
  Run enqueue(PreparedGeneration prepared, Consumer<RunProgress> watcher) {
    try (LogContext log = LogContext.open().put(LogContext.SESSION, prepared.session().id())) {
      Run run =
          sessions.admit(
              prepared.session().id(),
              prepared.job(),
              () -> recordAndQueue(prepared, watcher),
              Run::id);
      log.put(LogContext.RUN, run.id());
      LOG.info("run {} queued by {}", run.id(), prepared.user().username());
      return run;
    } catch (QuotaExceededException refused) {
      events.publishEvent(
          AuditEvent.refused(
              auditAction(prepared), "session " + prepared.session().id(), refused.getMessage()));
      throw refused;
    }
  }

  private static String auditAction(PreparedGeneration prepared) {
    return prepared.parentId() == null ? "run.submit" : "run.replay";
  }

  private Run recordAndQueue(PreparedGeneration prepared, Consumer<RunProgress> watcher) {
    Run run =
        runs.create(
            new NewRun(
                prepared.session().id(),
                prepared.experiment(),
                prepared.experimentId(),
                prepared.user().id(),
                prepared.parentId(),
                prepared.recorded(),
                prepared.estimate().seconds(),
                prepared.estimate().recorded()));
    // A session's priority is its weight in the fair share: 2 gets twice the device time of 1.
    queue.enqueue(
        run.id(),
        prepared.session().id(),
        prepared.estimate().deviceSeconds(),
        prepared.session().priority(),
        new JobQueue.JobNeeds(prepared.deviceClass(), prepared.model().contentHash()));
    events.publishEvent(
        AuditEvent.succeeded(
            auditAction(prepared),
            "run " + run.id(),
            "session "
                + prepared.session().id()
                + (prepared.parentId() == null ? "" : ", replay of run " + prepared.parentId())));
    if (watcher != null) {
      AutoCloseable following = watchers.watch(run.id(), watcher);
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCompletion(int outcome) {
              if (outcome != STATUS_COMMITTED) {
                close(following);
              }
            }
          });
    }
    return run;
  }

  private static void close(AutoCloseable handle) {
    try {
      handle.close();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private LabUser generatingUser() {
    LabUser user = identity.current();
    if (!user.role().canGenerate()) {
      throw new AccessDeniedException("viewers cannot generate");
    }
    return user;
  }

  /**
   * The settings a generation on {@code model} starts from, as the playground's form shows them:
   * its card's recommendations, then the configured defaults; no prompt and no seed.
   *
   * @param model a name or content hash; null for the default model
   * @throws InvalidRequestException naming the model and the usable ones
   */
  @PreAuthorize(Permissions.LOOK)
  public GenerationSettings defaultsFor(String model) {
    ModelVersion version = models.requireAvailable(model == null ? defaultModel : model);
    return defaults.forModel(version.name(), version.defaultSize(), version.recommended());
  }

  private ModelVersion model(GenerationSettings settings) {
    return models.requireAvailable(settings.model() == null ? defaultModel : settings.model());
  }

  /** Settings as a run records them and the engine request they stand for. */
  private record Checked(GenerationSettings recorded, GenerationRequest request) {}

  /**
   * Fills unset fields with the defaults and checks every field at once (all bad fields are
   * reported together). A missing seed is drawn at random, or, for an estimate, fixed: it does not
   * change the cost.
   */
  private Checked check(
      LabUser user, GenerationSettings asked, ModelVersion model, Long seedIfUnset) {
    GenerationSettings complete =
        defaults.complete(asked, model.defaultSize(), model.recommended());
    if (complete.seed() == null) {
      complete = complete.withSeed(seedIfUnset != null ? seedIfUnset : seeds.nextLong(1L << 32));
    }
    GenerationRequest request = toEngine(user, complete, model);
    return new Checked(
        GenerationRequests.recorded(complete, model.contentHash(), model.name()), request);
  }

  /**
   * The engine request, checked against the model, with uploaded images checked to decode and to be
   * the user's to use ({@link ArtifactAccess}): a hash alone does not lend someone else's image.
   */
  private GenerationRequest toEngine(
      LabUser user, GenerationSettings complete, ModelVersion model) {
    if (complete.initImage() != null) {
      images.requireUsable(complete.initImage(), "initImage", user);
    }
    if (complete.maskImage() != null && complete.initImage() != null) {
      images.requireUsable(complete.maskImage(), "maskImage", user);
    }
    RgbImage init =
        complete.initImage() == null ? null : worker.image(complete.initImage(), "initImage");
    Mask mask =
        complete.maskImage() == null || init == null
            ? null
            : worker.mask(complete.maskImage(), "maskImage");
    return GenerationRequests.toEngine(complete, init, mask, false, model.textEncoderLayers());
  }

  /**
   * Stops a queued or running run, on whichever node: one waiting in the queue is taken out and
   * cancelled at once, in one transaction; one that a worker claimed or runs is asked to stop, and
   * its worker ends it within a step (at once when it runs on this node).
   */
  @PreAuthorize(Permissions.GENERATE)
  public void cancel(long runId) {
    runs.require(runId, RunAction.CANCEL);
    for (int tries = 1; ; tries++) {
      try {
        transactions.executeWithoutResult(status -> cancelNow(runId));
        break;
      } catch (OptimisticLockingFailureException e) {
        // its worker changed it meanwhile (it started or ended): look again
        if (tries == 3) {
          throw e;
        }
      }
    }
    worker.cancelHere(runId);
  }

  private void cancelNow(long runId) {
    Run run = runs.find(runId).orElseThrow();
    if (run.status().finished()) {
      return;
    }
    JobQueue.Place place = queue.lock(runId);
    String done;
    if (place == JobQueue.Place.CLAIMED) {
      runs.requestCancel(runId);
      done = "its worker was asked to stop it";
    } else if (run.status() == RunStatus.QUEUED) {
      queue.remove(runId);
      runs.ended(runId, RunStatus.CANCELLED, "cancelled before it started", null);
      done = "taken out of the queue";
    } else {
      // running without a job: no worker holds it that could end it
      runs.ended(runId, RunStatus.CANCELLED, "cancelled by the user", null);
      done = "ended";
    }
    events.publishEvent(AuditEvent.succeeded("run.cancel", "run " + runId, done));
  }

  /** Follows a run's progress; the returned handle stops following. */
  public AutoCloseable watch(long runId, Consumer<RunProgress> listener) {
    return watchers.watch(runId, listener);
  }

  /** The experiment a replay of {@code run} joins: the first the original belongs to. */
  static String experimentOf(Run run) {
    return run.experiments().stream().map(ExperimentRef::name).findFirst().orElse(null);
  }
}
