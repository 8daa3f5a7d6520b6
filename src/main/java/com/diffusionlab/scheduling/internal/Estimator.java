package com.diffusionlab.scheduling.internal;

import com.diffusionlab.LabProperties;
import com.diffusionlab.engine.DiffusionEngine;
import com.diffusionlab.engine.GenerationRequest;
import com.diffusionlab.engine.GenerationShape;
import com.diffusionlab.engine.GenerationWork;
import com.diffusionlab.engine.ResourceMonitor;
import com.diffusionlab.models.ModelRegistry;
import com.diffusionlab.models.ModelVersion;
import com.diffusionlab.scheduling.Estimate;
import com.diffusionlab.scheduling.EstimateAccuracy;
import com.diffusionlab.scheduling.internal.EstimateModel.Prediction;
import com.diffusionlab.scheduling.internal.EstimateModel.Target;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Estimates a generation before it runs ({@link EstimateModel} on the history of finished runs, the
 * engine's count of the work and its measured device speed), and prices device time.
 */
@Component
public class Estimator {

  /** Works counted, by model content hash and shape; a run's work never changes. */
  private static final int WORK_CACHE = 10_000;

  private final DiffusionEngine engine;
  private final ModelRegistry models;
  private final EstimateHistory history;
  private final double pricePerDeviceHour;
  private final ResourceMonitor memory = new ResourceMonitor();
  private final Map<WorkKey, GenerationWork> works = new ConcurrentHashMap<>();

  private record WorkKey(String modelHash, GenerationShape shape) {}

  Estimator(
      LabProperties properties,
      DiffusionEngine engine,
      ModelRegistry models,
      EstimateHistory history) {
    this.engine = engine;
    this.models = models;
    this.history = history;
    this.pricePerDeviceHour = properties.pricePerDeviceHour();
  }

  /**
   * @param deviceClass the class the run asks for, whose history the estimate rests on; null for
   *     any device, estimated as this node's class
   */
  public Estimate estimate(ModelVersion model, GenerationRequest request, String deviceClass) {
    GenerationShape shape = GenerationShape.of(request);
    Map<String, ModelVersion> byHash =
        models.all().stream()
            .filter(version -> version.contentHash() != null)
            .collect(Collectors.toMap(ModelVersion::contentHash, Function.identity(), (a, b) -> a));
    EstimateModel estimates =
        new EstimateModel(
            run -> workOfRun(byHash.get(run.key().modelHash()), run.shape()),
            engine::deviceSpeed,
            true);
    Target target =
        new Target(
            ConfigKey.of(
                model.contentHash(),
                deviceClass != null ? deviceClass : engine.settings().deviceClass(),
                shape),
            work(model, shape),
            engine.holds(model.ref()),
            memory.rssBytes());
    Prediction prediction = estimates.predict(target, history.observations(), Instant.now());
    return new Estimate(
        prediction.seconds(),
        prediction.secondsLow(),
        prediction.secondsHigh(),
        prediction.peak(),
        prediction.peakLow(),
        prediction.peakHigh(),
        prediction.seconds(),
        prediction.secondsLow(),
        prediction.secondsHigh(),
        cost(prediction.seconds()),
        cost(prediction.secondsLow()),
        cost(prediction.secondsHigh()),
        prediction.basis(),
        prediction.runs());
  }

  /** How right the estimates of the runs estimates learn from were. */
  public EstimateAccuracy accuracy() {
    Map<String, String> names =
        models.all().stream()
            .filter(version -> version.contentHash() != null)
            .collect(Collectors.toMap(ModelVersion::contentHash, ModelVersion::name, (a, b) -> a));
    return AccuracyReport.of(history.observations(), names::get);
  }

  public double cost(double deviceSeconds) {
    return deviceSeconds / 3600 * pricePerDeviceHour;
  }

  /** The counted work of a shape on a model, counted once. */
  private GenerationWork work(ModelVersion model, GenerationShape shape) {
    if (works.size() > WORK_CACHE) {
      works.clear();
    }
    return works.computeIfAbsent(
        new WorkKey(model.contentHash(), shape), key -> engine.work(model.ref(), shape));
  }

  /** A finished run's work; null when its model is gone or can no longer be read. */
  private GenerationWork workOfRun(ModelVersion model, GenerationShape shape) {
    if (model == null || ModelVersion.MISSING.equals(model.status())) {
      return null;
    }
    try {
      return work(model, shape);
    } catch (RuntimeException e) {
      return null;
    }
  }
}
