package com.diffusionlab.scheduling.internal;

import com.diffusionlab.LabNode;
import com.diffusionlab.artifacts.Artifact;
import com.diffusionlab.artifacts.ArtifactStore;
import com.diffusionlab.engine.CancellationToken;
import com.diffusionlab.engine.DiffusionEngine;
import com.diffusionlab.engine.EngineException;
import com.diffusionlab.engine.FieldError;
import com.diffusionlab.engine.GeneratedImage;
import com.diffusionlab.engine.GenerationCancelledException;
import com.diffusionlab.engine.GenerationListener;
import com.diffusionlab.engine.GenerationPng;
import com.diffusionlab.engine.GenerationRequest;
import com.diffusionlab.engine.GenerationResult;
import com.diffusionlab.engine.InvalidRequestException;
import com.diffusionlab.engine.ModelIntegrityException;
import com.diffusionlab.engine.ResourceMonitor;
import com.diffusionlab.engine.Sha256;
import com.diffusionlab.engine.StepProgress;
import com.diffusionlab.engine.image.ImageFiles;
import com.diffusionlab.engine.image.Mask;
import com.diffusionlab.engine.image.RgbImage;
import com.diffusionlab.models.ModelRegistry;
import com.diffusionlab.models.ModelVersion;
import com.diffusionlab.scheduling.RunProgress;
import com.diffusionlab.scheduling.internal.queue.JobLease;
import com.diffusionlab.scheduling.internal.queue.QueueForecast;
import com.diffusionlab.tracking.GenerationRequests;
import com.diffusionlab.tracking.GenerationSettings;
import com.diffusionlab.tracking.IllegalRunTransitionException;
import com.diffusionlab.tracking.PartialWork;
import com.diffusionlab.tracking.Reproduction;
import com.diffusionlab.tracking.Run;
import com.diffusionlab.tracking.RunCompletion;
import com.diffusionlab.tracking.RunOutput;
import com.diffusionlab.tracking.RunService;
import com.diffusionlab.tracking.RunStatus;
import com.diffusionlab.tracking.RunTimings;
import io.micrometer.core.instrument.Timer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;

/**
 * Runs generation jobs that this node's worker claimed from the queue, each to its end: the run
 * goes RUNNING, the engine runs with a cancellation token that a cancel from any node trips within
 * a step, and the outcome (outputs, timings, the session's charge, or what a stopped run did) is
 * written through the job's lease, so that a worker whose lease expired writes nothing. An engine
 * error fails the run at once (it would fail again); an error of the database is the queue's to
 * retry. Progress goes to whoever watches the run on this node, and coarsely to the database for
 * the other nodes.
 */
@Component
public class GenerationWorker {
  private static final Logger LOG = LoggerFactory.getLogger(GenerationWorker.class);

  /** The reason versions before the durable queue gave runs a crash left running. */
  public static final String INTERRUPTED = "the server stopped while this run was running";

  private static final int CONFLICT_TRIES = 3;

  private final DiffusionEngine engine;
  private final RunService runs;
  private final ModelRegistry models;
  private final ArtifactStore artifacts;
  private final Estimator estimator;
  private final ReplayComparison replays;
  private final RunWatchers watchers;
  private final RunProgressLog progressLog;
  private final LabNode node;
  private final JobMetrics metrics;
  // the engine resets the process's peak at the start of each generation: read at a stop, it is
  // the stopped generation's
  private final ResourceMonitor memory = new ResourceMonitor();
  private final Map<Long, CancellationToken> tokens = new ConcurrentHashMap<>();
  private final ImageFiles images =
      new ImageFiles((long) GenerationRequest.MAX_SIDE * GenerationRequest.MAX_SIDE);
  private final GenerationPng png = new GenerationPng();

  GenerationWorker(
      DiffusionEngine engine,
      RunService runs,
      ModelRegistry models,
      ArtifactStore artifacts,
      Estimator estimator,
      ReplayComparison replays,
      RunWatchers watchers,
      RunProgressLog progressLog,
      LabNode node,
      JobMetrics metrics) {
    this.engine = engine;
    this.metrics = metrics;
    this.progressLog = progressLog;
    this.node = node;
    this.runs = runs;
    this.models = models;
    this.artifacts = artifacts;
    this.estimator = estimator;
    this.replays = replays;
    this.watchers = watchers;
  }

  /** Stops the run at its next step if this node runs it (a cancel also reaches it by its flag). */
  public void cancelHere(long runId) {
    CancellationToken token = tokens.get(runId);
    if (token != null) {
      token.cancel();
    }
  }

  /** An uploaded image by artifact hash, decoded; the field name goes into the error. */
  public RgbImage image(String sha256, String field) {
    try {
      return images.readRgb(new ByteArrayInputStream(bytes(sha256, field)));
    } catch (IOException | EngineException e) {
      throw new InvalidRequestException(
          field, sha256, "a readable PNG or JPEG (" + e.getMessage() + ")");
    }
  }

  public Mask mask(String sha256, String field) {
    try {
      return images.readMask(new ByteArrayInputStream(bytes(sha256, field)));
    } catch (IOException | EngineException e) {
      throw new InvalidRequestException(
          field, sha256, "a readable PNG or JPEG (" + e.getMessage() + ")");
    }
  }

  private byte[] bytes(String sha256, String field) {
    return artifacts
        .read(sha256)
        .orElseThrow(
            () -> new InvalidRequestException(field, sha256, "the hash of an uploaded image"));
  }

  /** Runs one claimed job to its end; its log lines carry the run's, job's and session's ids. */
  void run(JobLease lease) {
    long runId = lease.runId();
    CancellationToken token = new CancellationToken();
    tokens.put(runId, token);
    watchers.runningHere(runId, true);
    try (LogContext log =
        LogContext.open()
            .put(LogContext.RUN, runId)
            .put(LogContext.JOB, runId + "/" + lease.attempt())) {
      Run run = start(lease);
      if (run != null) {
        log.put(LogContext.SESSION, run.sessionId());
        generate(run, lease, token);
      }
    } finally {
      tokens.remove(runId);
      watchers.runningHere(runId, false);
      progressLog.forget(runId, lease.attempt());
    }
  }

  /**
   * Marks the run RUNNING for this attempt, unless it was cancelled or has ended meanwhile.
   *
   * @return the running run, or null when there is nothing to run (the job is then done)
   */
  private Run start(JobLease lease) {
    long runId = lease.runId();
    return onConflictAgain(
        () -> {
          Run run = runs.find(runId).orElse(null);
          if (run == null || run.status().finished()) {
            lease.complete(() -> {});
            return null;
          }
          if (runs.cancelRequested(runId)) {
            end(
                lease,
                () -> runs.ended(runId, RunStatus.CANCELLED, cancelledBeforeStart(run), null));
            return null;
          }
          AtomicReference<Run> started = new AtomicReference<>();
          boolean held =
              lease.whileHeld(
                  () -> {
                    if (run.status() == RunStatus.RUNNING) {
                      // its last attempt ended without a record (its worker could not write)
                      runs.requeued(runId, "its previous attempt ended without a record");
                    }
                    started.set(runs.started(runId));
                  });
          if (!held) {
            return null;
          }
          Run running = started.get();
          if (lease.attempt() == 1 && running.timings().queueWait() != null) {
            // a later attempt's wait would count the failed attempts' time as queueing
            metrics.claimed(seconds(running.timings().queueWait()));
          }
          return running;
        });
  }

  private static String cancelledBeforeStart(Run run) {
    return run.status() == RunStatus.QUEUED
        ? "cancelled before it started"
        : "cancelled by the user";
  }

  private void generate(Run run, JobLease lease, CancellationToken token) {
    long runId = run.id();
    RunClock clock = new RunClock();
    StopSignals stops = new StopSignals(runId, lease, token);
    ProgressReport report = new ProgressReport(run, lease.attempt());
    try {
      GenerationSettings settings = run.settings();
      report.stage("LOADING");
      // its approval was checked when it was admitted: a version retired since does not strand
      // the jobs already accepted
      ModelVersion model =
          models
              .find(settings.model())
              .filter(ModelVersion::available)
              .orElseThrow(
                  () ->
                      new InvalidRequestException(
                          "model", settings.model(), "an available model version"));
      GenerationRequest request = request(settings);
      stops.check();
      LOG.info(
          "run {} attempt {} started on {} ({}, {} steps)",
          runId,
          lease.attempt(),
          node.name(),
          model.name(),
          settings.steps());
      Timer steps = metrics.steps(model.name());
      GenerationResult result;
      try {
        // the engine verifies the bytes it loads against the version's content hash
        result =
            engine.generate(model.ref(), request, listener(clock, stops, report, steps), token);
      } catch (ModelIntegrityException e) {
        // refused before any work: charged nothing, like a run cancelled in the queue
        String reason =
            new FieldError("model", model.label(), models.changedFiles(model, e)).message();
        LOG.warn("run {}: {}", runId, reason);
        if (end(lease, () -> runs.ended(runId, RunStatus.FAILED, reason, null))) {
          metrics.failed(JobMetrics.FailureCause.MODEL_CHANGED);
        }
        return;
      }
      if (end(lease, () -> succeeded(run, result))) {
        double seconds = result.timings().total();
        LOG.info("run {} succeeded in {} s", runId, String.format(Locale.ROOT, "%.3f", seconds));
        metrics.ended(model.name(), RunStatus.SUCCEEDED.name(), seconds);
        if (run.estimateSeconds() != null) {
          metrics.estimated(run.estimateSeconds(), seconds);
        }
      }
    } catch (GenerationCancelledException e) {
      if (stops.leaseLost()) {
        LOG.warn("run {}: lease lost ({}); another worker runs it", runId, lease);
        return;
      }
      stopped(lease, run, RunStatus.CANCELLED, "cancelled by the user", clock);
    } catch (DataAccessException | TransactionException e) {
      // not the run's fault: the queue tries it again
      throw e;
    } catch (RuntimeException | Error e) {
      if (stops.leaseLost()) {
        LOG.warn("run {}: lease lost ({}) while it failed", runId, lease, e);
        return;
      }
      LOG.warn("run {} failed", runId, e);
      String reason =
          models.withoutServerPaths(e.getMessage() == null ? e.toString() : e.getMessage());
      if (stopped(lease, run, RunStatus.FAILED, reason, clock)) {
        metrics.failed(cause(e));
      }
    }
  }

  /**
   * Stores the outputs (each file before the row that points at it), records the success with the
   * replay's verdict, in the job's fenced transaction (whose {@link UsageSettlement} charges the
   * session).
   */
  private Run succeeded(Run run, GenerationResult result) {
    List<RunOutput> outputs = store(result);
    double deviceSeconds = result.timings().total();
    double cost = estimator.cost(deviceSeconds);
    RunCompletion completion =
        new RunCompletion(
            result.engineVersion(),
            result.device(),
            result.precision(),
            new RunTimings(
                run.timings().queueWait(),
                result.timings().load(),
                result.timings().tokenize(),
                result.timings().encode(),
                result.timings().sampling(),
                result.timings().decode(),
                result.timings().total(),
                result.timings().steps()),
            result.peakRssBytes(),
            result.peakDeviceBytes(),
            deviceSeconds,
            cost,
            result.warnings(),
            outputs);
    Reproduction reproduction =
        run.parentId() == null
            ? null
            : replays.compare(run.parentId(), completion, run.settings().model());
    return runs.succeeded(run.id(), completion, reproduction);
  }

  private static JobMetrics.FailureCause cause(Throwable failure) {
    if (failure instanceof InvalidRequestException) {
      return JobMetrics.FailureCause.INVALID_REQUEST;
    }
    if (failure instanceof OutOfMemoryError) {
      return JobMetrics.FailureCause.OUT_OF_MEMORY;
    }
    return JobMetrics.FailureCause.ENGINE_ERROR;
  }

  private static Duration seconds(double seconds) {
    return Duration.ofNanos((long) (seconds * 1e9));
  }

  /**
   * Ends a run that stopped with what it had done; its session is charged the device time it used
   * ({@link UsageSettlement}), as a finished run's is: the device was busy either way.
   *
   * @return whether the end was written (false when the lease was lost)
   */
  private boolean stopped(
      JobLease lease, Run run, RunStatus outcome, String reason, RunClock clock) {
    long runId = run.id();
    RunTimings timings = clock.timings();
    long peak = memory.peakRssBytes();
    PartialWork work =
        new PartialWork(
            engine.version(),
            engine.settings().deviceClass(),
            engine.settings().precision(),
            timings,
            peak > 0 ? peak : null,
            timings.total(),
            estimator.cost(timings.total()));
    boolean written = end(lease, () -> runs.ended(runId, outcome, reason, work));
    if (written) {
      LOG.info("run {} {}: {}", runId, outcome.name().toLowerCase(Locale.ROOT), reason);
      metrics.ended(run.settings().modelName(), outcome.name(), timings.total());
    }
    return written;
  }

  /**
   * Writes the run's end through the lease (a concurrent cancel request makes the first try
   * collide: it is tried again) and tells the run's watchers.
   *
   * @return whether it was written (false when the lease was lost)
   */
  private boolean end(JobLease lease, Supplier<Run> outcome) {
    Run ended =
        onConflictAgain(
            () -> {
              AtomicReference<Run> written = new AtomicReference<>();
              return lease.complete(() -> written.set(outcome.get())) ? written.get() : null;
            });
    if (ended == null) {
      LOG.warn("{}: lease lost before the end was written; another worker runs it", lease);
      return false;
    }
    watchers.ended(ended);
    return true;
  }

  /**
   * Runs {@code attempt} again when it collided with another change of the run (a cancel request, a
   * cancel in the queue): each try reads the run afresh.
   */
  private static <T> T onConflictAgain(Supplier<T> attempt) {
    for (int tries = 1; ; tries++) {
      try {
        return attempt.get();
      } catch (OptimisticLockingFailureException | IllegalRunTransitionException e) {
        if (tries == CONFLICT_TRIES) {
          throw e;
        }
      }
    }
  }

  private GenerationRequest request(GenerationSettings settings) {
    RgbImage init = settings.initImage() == null ? null : image(settings.initImage(), "initImage");
    Mask mask =
        settings.maskImage() == null || init == null
            ? null
            : mask(settings.maskImage(), "maskImage");
    return GenerationRequests.toEngine(settings, init, mask, true);
  }

  /** PNG (with parameters) and thumbnail stored before the run's row points at them. */
  private List<RunOutput> store(GenerationResult result) {
    List<RunOutput> outputs = new ArrayList<>();
    for (GeneratedImage image : result.images()) {
      RgbImage pixels = image.image();
      Artifact file =
          artifacts.store(
              png.encode(result, image.index()),
              ArtifactStore.PNG,
              pixels.width(),
              pixels.height());
      Artifact thumbnail = artifacts.storeThumbnail(pixels);
      outputs.add(
          new RunOutput(
              image.index(),
              image.seed(),
              file.sha256(),
              Sha256.of(pixels.rgb()),
              thumbnail.sha256()));
    }
    return outputs;
  }

  /** Publishes progress, keeps the time of each stage and step, and looks for a stop. */
  private GenerationListener listener(
      RunClock clock, StopSignals stops, ProgressReport report, Timer steps) {
    return new GenerationListener() {
      @Override
      public void onStage(Stage stage) {
        clock.stage(stage);
        report.stage(stage.name());
        stops.check();
      }

      @Override
      public void onStep(StepProgress step) {
        clock.step(step.seconds());
        steps.record(seconds(step.seconds()));
        report.step(step);
        stops.check();
      }
    };
  }

  /**
   * A running run's progress: every stage and step (with its preview) to whoever watches it on this
   * node, and to the database for every other node, at each stage and at most every {@link
   * #WRITE_INTERVAL_NANOS} within one (a step may take milliseconds on a GPU).
   */
  private final class ProgressReport {
    private static final long WRITE_INTERVAL_NANOS = 500_000_000L;

    private final Run run;
    private final int attempt;
    private final double expectedSeconds;
    private final Instant startedAt = Instant.now();
    private double stepSecondsDone;
    private String writtenStage;
    private long writtenAt;

    ProgressReport(Run run, int attempt) {
      this.run = run;
      this.attempt = attempt;
      this.expectedSeconds = run.estimateSeconds() == null ? 0 : run.estimateSeconds();
    }

    void stage(String stage) {
      publish(stage, 0, run.settings().steps(), 0, null);
    }

    void step(StepProgress step) {
      stepSecondsDone += step.seconds();
      publish("SAMPLING", step.index() + 1, step.total(), step.seconds(), step.preview());
    }

    private void publish(String stage, int step, int total, double seconds, RgbImage preview) {
      Instant now = Instant.now();
      Double perStep = step > 0 ? stepSecondsDone / step : null;
      write(stage, step, total, perStep, now);
      double left =
          QueueForecast.secondsLeft(expectedSeconds, startedAt, step, total, perStep, now);
      watchers.progress(
          new RunProgress(
              run.id(), RunStatus.RUNNING, stage, step, total, seconds, preview, null, left));
    }

    /**
     * The database first: what a watcher here sees, the other nodes can read. Each stage, the first
     * step (the first pace) and the last are written, others at most every interval.
     */
    private void write(String stage, int step, int total, Double perStep, Instant now) {
      long nanos = System.nanoTime();
      boolean milestone = !stage.equals(writtenStage) || step == 1 || step == total;
      if (!milestone && nanos - writtenAt < WRITE_INTERVAL_NANOS) {
        return;
      }
      writtenStage = stage;
      writtenAt = nanos;
      progressLog.write(
          new RunProgressLog.Entry(
              run.id(), attempt, node.name(), stage, step, total, perStep, startedAt, now));
    }
  }

  /**
   * Why a running job should stop: a cancel asked for on any node (its flag, read at most every
   * {@link #INTERVAL_NANOS}), or the lease lost to a node that took the job over.
   */
  private final class StopSignals {
    private static final long INTERVAL_NANOS = 250_000_000L;

    private final long runId;
    private final JobLease lease;
    private final CancellationToken token;
    private long lastRead;
    private volatile boolean leaseLost;

    StopSignals(long runId, JobLease lease, CancellationToken token) {
      this.runId = runId;
      this.lease = lease;
      this.token = token;
      this.lastRead = System.nanoTime() - INTERVAL_NANOS;
    }

    void check() {
      if (lease.lost()) {
        leaseLost = true;
        token.cancel();
        return;
      }
      long now = System.nanoTime();
      if (now - lastRead < INTERVAL_NANOS || token.isCancelled()) {
        return;
      }
      lastRead = now;
      try {
        if (runs.cancelRequested(runId)) {
          token.cancel();
        }
      } catch (DataAccessException e) {
        // the database is away for a moment: the next step asks again
        LOG.debug("run {}: cannot read its cancel flag", runId, e);
      }
    }

    boolean leaseLost() {
      return leaseLost;
    }
  }
}
