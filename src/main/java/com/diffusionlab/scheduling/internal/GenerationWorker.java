package com.diffusionlab.scheduling.internal;

import com.diffusionlab.artifacts.Artifact;
import com.diffusionlab.artifacts.ArtifactStore;
import com.diffusionlab.engine.CancellationToken;
import com.diffusionlab.engine.DiffusionEngine;
import com.diffusionlab.engine.EngineException;
import com.diffusionlab.engine.GeneratedImage;
import com.diffusionlab.engine.GenerationCancelledException;
import com.diffusionlab.engine.GenerationListener;
import com.diffusionlab.engine.GenerationPng;
import com.diffusionlab.engine.GenerationRequest;
import com.diffusionlab.engine.GenerationResult;
import com.diffusionlab.engine.InvalidRequestException;
import com.diffusionlab.engine.ResourceMonitor;
import com.diffusionlab.engine.Sha256;
import com.diffusionlab.engine.StepProgress;
import com.diffusionlab.engine.image.ImageFiles;
import com.diffusionlab.engine.image.Mask;
import com.diffusionlab.engine.image.RgbImage;
import com.diffusionlab.models.ModelRegistry;
import com.diffusionlab.models.ModelVersion;
import com.diffusionlab.scheduling.RunProgress;
import com.diffusionlab.tracking.GenerationRequests;
import com.diffusionlab.tracking.GenerationSettings;
import com.diffusionlab.tracking.PartialWork;
import com.diffusionlab.tracking.Reproduction;
import com.diffusionlab.tracking.Run;
import com.diffusionlab.tracking.RunCompletion;
import com.diffusionlab.tracking.RunOutput;
import com.diffusionlab.tracking.RunService;
import com.diffusionlab.tracking.RunStatus;
import com.diffusionlab.tracking.RunTimings;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Runs generations in this process, one at a time on the device, in the order they were queued.
 * Queued runs survive a restart (they are re-queued on start); runs a crash left running are marked
 * failed with the reason. Progress goes to whoever watches the run.
 */
@Component
@Order(2)
public class GenerationWorker implements ApplicationRunner, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GenerationWorker.class);
  public static final String INTERRUPTED = "the server stopped while this run was running";

  private final DiffusionEngine engine;
  private final RunService runs;
  private final ModelRegistry models;
  private final UsageSettlement settlement;
  private final ArtifactStore artifacts;
  private final Estimator estimator;
  private final ReplayComparison replays;
  // the engine resets the process's peak at the start of each generation: read at a stop, it is
  // the stopped generation's
  private final ResourceMonitor memory = new ResourceMonitor();
  private final ExecutorService executor =
      Executors.newSingleThreadExecutor(Thread.ofPlatform().name("dlab-worker").daemon().factory());
  private final Map<Long, CancellationToken> tokens = new ConcurrentHashMap<>();
  private final Map<Long, List<Consumer<RunProgress>>> watchers = new ConcurrentHashMap<>();
  private final ImageFiles images =
      new ImageFiles((long) GenerationRequest.MAX_SIDE * GenerationRequest.MAX_SIDE);
  private final GenerationPng png = new GenerationPng();

  GenerationWorker(
      DiffusionEngine engine,
      RunService runs,
      ModelRegistry models,
      UsageSettlement settlement,
      ArtifactStore artifacts,
      Estimator estimator,
      ReplayComparison replays) {
    this.engine = engine;
    this.runs = runs;
    this.models = models;
    this.settlement = settlement;
    this.artifacts = artifacts;
    this.estimator = estimator;
    this.replays = replays;
  }

  @Override
  public void run(ApplicationArguments args) {
    int failed = runs.failInterrupted(INTERRUPTED);
    if (failed > 0) {
      LOG.warn("{} runs were running when the server stopped; marked failed", failed);
    }
    settlement.settleEndedRuns();
    runs.queued().forEach(this::enqueue);
  }

  public void enqueue(long runId) {
    tokens.put(runId, new CancellationToken());
    executor.submit(() -> execute(runId));
  }

  public void cancel(long runId) {
    CancellationToken token = tokens.get(runId);
    if (token != null) {
      token.cancel();
    }
  }

  public AutoCloseable watch(long runId, Consumer<RunProgress> listener) {
    watchers.computeIfAbsent(runId, id -> new CopyOnWriteArrayList<>()).add(listener);
    return () -> {
      List<Consumer<RunProgress>> list = watchers.get(runId);
      if (list != null) {
        list.remove(listener);
      }
    };
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

  private void execute(long runId) {
    CancellationToken token = tokens.get(runId);
    RunClock clock = null;
    try {
      Run queued = runs.find(runId).orElseThrow();
      if (queued.status() != RunStatus.QUEUED) {
        if (queued.status().finished()) {
          // cancelled while queued: whoever watches it learns so now
          finish(queued);
        }
        return;
      }
      if (token.isCancelled()) {
        finish(runs.ended(runId, RunStatus.CANCELLED, "cancelled before it started"));
        return;
      }
      Run run = runs.started(runId);
      clock = new RunClock();
      GenerationSettings settings = run.settings();
      publish(run, "LOADING", 0, settings.steps(), 0, null);
      ModelVersion model =
          models
              .find(settings.model())
              .filter(ModelVersion::usable)
              .orElseThrow(
                  () ->
                      new InvalidRequestException(
                          "model", settings.model(), "an available model version"));
      GenerationRequest request = request(settings);
      GenerationResult result = engine.generate(model.ref(), request, listener(run, clock), token);
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
              : replays.compare(run.parentId(), completion, settings.model());
      finish(runs.succeeded(runId, completion, reproduction));
    } catch (GenerationCancelledException e) {
      finish(stopped(runId, RunStatus.CANCELLED, "cancelled by the user", clock));
    } catch (RuntimeException | Error e) {
      LOG.warn("run {} failed", runId, e);
      String reason = e.getMessage() == null ? e.toString() : e.getMessage();
      finish(stopped(runId, RunStatus.FAILED, reason, clock));
    } finally {
      tokens.remove(runId);
    }
  }

  /**
   * Ends a run that stopped with what it had done; its session is charged the device time it used
   * ({@link UsageSettlement}), as a finished run's is: the device was busy either way.
   *
   * @param clock what it did, null when it had not started
   */
  private Run stopped(long runId, RunStatus outcome, String reason, RunClock clock) {
    if (clock == null) {
      return runs.ended(runId, outcome, reason, null);
    }
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
    return runs.ended(runId, outcome, reason, work);
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

  /** Publishes progress and keeps the time of each stage and step on {@code clock}. */
  private GenerationListener listener(Run run, RunClock clock) {
    return new GenerationListener() {
      @Override
      public void onStage(Stage stage) {
        clock.stage(stage);
        publish(run, stage.name(), 0, run.settings().steps(), 0, null);
      }

      @Override
      public void onStep(StepProgress step) {
        clock.step(step.seconds());
        publish(run, "SAMPLING", step.index() + 1, step.total(), step.seconds(), step.preview());
      }
    };
  }

  private void publish(
      Run run, String stage, int step, int total, double seconds, RgbImage preview) {
    List<Consumer<RunProgress>> list = watchers.get(run.id());
    if (list == null) {
      return;
    }
    RunProgress progress =
        new RunProgress(run.id(), RunStatus.RUNNING, stage, step, total, seconds, preview);
    list.forEach(listener -> notify(listener, progress));
  }

  private void finish(Run run) {
    List<Consumer<RunProgress>> list = watchers.remove(run.id());
    if (list != null) {
      RunProgress progress =
          new RunProgress(
              run.id(),
              run.status(),
              run.status().name(),
              run.settings().steps(),
              run.settings().steps(),
              0,
              null);
      list.forEach(listener -> notify(listener, progress));
    }
  }

  /** A broken watcher (a closed browser tab) must not break the run. */
  private static void notify(Consumer<RunProgress> listener, RunProgress progress) {
    try {
      listener.accept(progress);
    } catch (RuntimeException e) {
      LOG.debug("progress listener failed", e);
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
