package com.diffusionlab.engine;

import com.diffusionlab.engine.loading.ContentHasher;
import com.diffusionlab.engine.loading.LoadedModel;
import com.diffusionlab.engine.loading.ModelCache;
import com.diffusionlab.engine.loading.ModelLoader;
import com.diffusionlab.engine.nn.Kernels;
import com.diffusionlab.engine.nn.NativeKernels;
import com.diffusionlab.engine.nn.TorchScriptKernels;
import com.diffusionlab.engine.pipeline.StableDiffusionPipeline;
import com.diffusionlab.engine.work.DeviceProbe;
import com.diffusionlab.engine.work.WorkCounter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The diffusion engine: inspects and loads Stable Diffusion-family models and generates images with
 * them, deterministically. Thread-safe; generations may run concurrently and share cached models.
 */
public final class DiffusionEngine implements AutoCloseable {

  private final EngineSettings settings;
  private final Kernels kernels;
  private final ModelLoader loader;
  private final ModelCache<LoadedModel> cache;
  private final StableDiffusionPipeline pipeline;
  private final String version;
  private final Map<ModelCache.Key, WorkCounter> workCounters = new ConcurrentHashMap<>();
  private volatile DeviceSpeed deviceSpeed;

  public DiffusionEngine(EngineSettings settings) {
    this.settings = settings;
    this.kernels =
        settings.fusedKernels()
            ? TorchScriptKernels.forInference(settings.device())
            : new NativeKernels();
    this.loader = new ModelLoader(new ContentHasher());
    this.cache = new ModelCache<>(settings.modelCacheBytes());
    this.version = readVersion();
    this.pipeline = new StableDiffusionPipeline(new ResourceMonitor(), version);
  }

  /** The engine version recorded with every run; part of what makes a run reproducible. */
  public String version() {
    return version;
  }

  public EngineSettings settings() {
    return settings;
  }

  /** Examines a model's files without loading weights. */
  public ModelInspection inspect(ModelRef model) {
    return loader.inspect(model.path(), model.configSource());
  }

  /** Loads a model into the cache (or finds it there) and returns what identifies it. */
  public ModelInfo load(ModelRef model) {
    try (ModelCache<LoadedModel>.Lease lease = lease(model)) {
      return lease.model().info();
    }
  }

  /**
   * Generates the images of a request.
   *
   * @throws InvalidRequestException for bad fields, before any work
   * @throws ModelFormatException when the model cannot be loaded
   * @throws GenerationCancelledException when the token was cancelled
   */
  public GenerationResult generate(
      ModelRef model,
      GenerationRequest request,
      GenerationListener listener,
      CancellationToken token) {
    request.validate();
    listener.onStage(GenerationListener.Stage.LOADING);
    try (ModelCache<LoadedModel>.Lease lease = lease(model)) {
      return pipeline.run(lease.model(), request, lease.loadSeconds(), listener, token);
    }
  }

  /**
   * The arithmetic a generation of {@code shape} asks of this engine's device, counted from the
   * model's architecture without loading its weights (the first call per model counts it, about a
   * second for SD 1.5; later ones are arithmetic).
   *
   * @throws ModelFormatException when the model cannot be read
   */
  public GenerationWork work(ModelRef model, GenerationShape shape) {
    WorkCounter counter =
        workCounters.computeIfAbsent(
            ModelCache.Key.of(model.path(), model.configSource()),
            key -> new WorkCounter(loader.architecture(model.path(), model.configSource())));
    return counter.work(shape, settings.device().isGpu() ? 2 : 4);
  }

  /** Whether the model is loaded here, so that a generation would not pay for loading it. */
  public boolean holds(ModelRef model) {
    return cache.contains(ModelCache.Key.of(model.path(), model.configSource()));
  }

  /**
   * The models loaded here, the most recently used first: what a worker prefers jobs for. Their
   * bytes together stay within {@link EngineSettings#modelCacheBytes()} but for models in use.
   */
  public List<CachedModel> cachedModels() {
    return cache.held().stream()
        .map(
            held ->
                new CachedModel(
                    held.model().info().contentHash(),
                    held.model().info().name(),
                    held.bytes(),
                    held.users() > 0))
        .toList();
  }

  /**
   * This device's speed at the networks' kind of work, measured on first use (about a second) and
   * kept: what estimates start from before any generation has run here.
   */
  public DeviceSpeed deviceSpeed() {
    DeviceSpeed speed = deviceSpeed;
    if (speed == null) {
      synchronized (this) {
        if (deviceSpeed == null) {
          deviceSpeed = measureDeviceSpeed();
        }
        speed = deviceSpeed;
      }
    }
    return speed;
  }

  /** Measures {@link #deviceSpeed()} afresh, without keeping it. */
  public DeviceSpeed measureDeviceSpeed() {
    return new DeviceProbe(settings.device(), kernels).measure();
  }

  /**
   * Checks that a model's files still hash to its {@link ModelRef#expectedHash()} (a file's digest
   * is remembered by its size and modification time, so this is cheap when they did not change);
   * loading checks again, from the bytes it reads.
   *
   * @throws ModelIntegrityException when they do not
   * @throws ModelFormatException when they cannot be read
   */
  public void verify(ModelRef model) {
    if (model.expectedHash() == null) {
      return;
    }
    String actual = loader.contentHash(model.path(), model.configSource());
    if (!model.expectedHash().equals(actual)) {
      throw new ModelIntegrityException(model.path(), model.expectedHash(), actual);
    }
  }

  /**
   * Borrows the model from the cache, loading it (and hashing its bytes as they are now) when it is
   * not there. A model's files that change on disk make a new cache key, so a changed file is
   * always loaded, and so hashed, afresh; a model the cache holds is the one whose bytes were
   * hashed.
   */
  private ModelCache<LoadedModel>.Lease lease(ModelRef model) {
    ModelCache<LoadedModel>.Lease lease =
        cache.acquire(
            ModelCache.Key.of(model.path(), model.configSource()),
            () ->
                loader.load(
                    model.path(),
                    model.configSource(),
                    model.expectedHash(),
                    settings.device(),
                    kernels));
    String loaded = lease.model().info().contentHash();
    if (model.expectedHash() != null && !model.expectedHash().equals(loaded)) {
      lease.close();
      throw new ModelIntegrityException(model.path(), model.expectedHash(), loaded);
    }
    return lease;
  }

  /** The version this build of the engine records, from its own resources. */
  public static String readVersion() {
    Properties properties = new Properties();
    try (InputStream in = DiffusionEngine.class.getResourceAsStream("engine.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties.getProperty("engine.version", "dev");
  }

  @Override
  public void close() {
    cache.close();
    kernels.close();
  }
}
