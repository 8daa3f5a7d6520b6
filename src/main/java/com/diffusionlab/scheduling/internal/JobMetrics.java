package com.diffusionlab.scheduling.internal;

import com.diffusionlab.engine.DiffusionEngine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * What this node's worker measures of the jobs it runs (README, Metrics and dashboards): queue wait
 * at the claim, job and step durations by model and device class, failures by cause, the
 * estimator's error. (The queue, the nodes and their devices are {@link WorkspaceGauges}.) Meters
 * are looked up once per job (a step records on a timer it holds), so the engine's loop pays one
 * lock-free update per step.
 */
@Component
public class JobMetrics {

  /** Why a run failed, as few words as a label allows. */
  public enum FailureCause {
    /** The engine refused the request (a bad image, a model that went away). */
    INVALID_REQUEST,
    /** The engine failed while it ran. */
    ENGINE_ERROR,
    /** The JVM ran out of memory. */
    OUT_OF_MEMORY,
    /** The model's files no longer hold the bytes its version was registered with. */
    MODEL_CHANGED,
    /** The run's workers stopped responding, or its attempts failed, too many times. */
    ATTEMPTS_EXHAUSTED;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Above this many models, new ones share one label value (see {@link #modelLabel}). */
  static final int MAX_MODELS = 30;

  static final String OTHER_MODEL = "other";

  private static final Duration[] WAIT_BUCKETS =
      seconds(0.1, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1800, 3600);
  private static final Duration[] JOB_BUCKETS =
      seconds(0.25, 0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300, 600, 1800);
  private static final Duration[] STEP_BUCKETS =
      seconds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10);
  private static final double[] ERROR_BUCKETS = {0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 2, 5};

  private final MeterRegistry registry;
  private final String deviceClass;
  private final Map<String, Boolean> models = new ConcurrentHashMap<>();

  JobMetrics(MeterRegistry registry, DiffusionEngine engine) {
    this.registry = registry;
    this.deviceClass = engine.settings().deviceClass();
    for (FailureCause cause : FailureCause.values()) {
      failures(cause);
    }
  }

  /** A job was claimed {@code wait} after its submission (first attempts only). */
  void claimed(Duration wait) {
    Timer.builder("dlab.queue.wait")
        .description("from a run's submission to a worker starting it")
        .tag("device_class", deviceClass)
        .serviceLevelObjectives(WAIT_BUCKETS)
        .register(registry)
        .record(wait);
  }

  /** The timer of each sampling step of a job on {@code model}. */
  Timer steps(String model) {
    return Timer.builder("dlab.job.step")
        .description("one sampling step")
        .tag("model", modelLabel(model))
        .tag("device_class", deviceClass)
        .serviceLevelObjectives(STEP_BUCKETS)
        .register(registry);
  }

  /** A job on {@code model} ended with {@code status} after {@code seconds} on the device. */
  void ended(String model, String status, double seconds) {
    Timer.builder("dlab.job.duration")
        .description("a job's time on the device, from its start to its end")
        .tag("model", modelLabel(model))
        .tag("device_class", deviceClass)
        .tag("status", status.toLowerCase(Locale.ROOT))
        .serviceLevelObjectives(JOB_BUCKETS)
        .register(registry)
        .record((long) (seconds * 1e9), TimeUnit.NANOSECONDS);
  }

  void failed(FailureCause cause) {
    failures(cause).increment();
  }

  /**
   * The estimate of a run that succeeded against the seconds it took: |predicted − actual| /
   * actual.
   */
  void estimated(double predictedSeconds, double actualSeconds) {
    if (actualSeconds <= 0) {
      return;
    }
    DistributionSummary.builder("dlab.estimate.error")
        .description("|predicted − actual| / actual of a succeeded run's seconds")
        .baseUnit("ratio")
        .tag("device_class", deviceClass)
        .serviceLevelObjectives(ERROR_BUCKETS)
        .register(registry)
        .record(Math.abs(predictedSeconds - actualSeconds) / actualSeconds);
  }

  private Counter failures(FailureCause cause) {
    return Counter.builder("dlab.run.failures")
        .description("runs that ended FAILED, by cause")
        .tag("cause", cause.label())
        .register(registry);
  }

  /**
   * The model's name as a label value; beyond {@link #MAX_MODELS} distinct names (a workspace that
   * keeps registering models) the rest share {@link #OTHER_MODEL}, so that the series stay bounded.
   */
  private String modelLabel(String model) {
    if (model == null) {
      return OTHER_MODEL;
    }
    if (models.containsKey(model)) {
      return model;
    }
    if (models.size() >= MAX_MODELS) {
      return OTHER_MODEL;
    }
    models.putIfAbsent(model, Boolean.TRUE);
    return model;
  }

  private static Duration[] seconds(double... values) {
    Duration[] durations = new Duration[values.length];
    for (int i = 0; i < values.length; i++) {
      durations[i] = Duration.ofNanos((long) (values[i] * 1e9));
    }
    return durations;
  }
}
