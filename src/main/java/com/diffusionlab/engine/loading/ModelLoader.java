package com.diffusionlab.engine.loading;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.diffusionlab.engine.ModelInfo;
import com.diffusionlab.engine.ModelInspection;
import com.diffusionlab.engine.ModelIntegrityException;
import com.diffusionlab.engine.clip.ClipTextModel;
import com.diffusionlab.engine.nn.Kernels;
import com.diffusionlab.engine.nn.Params;
import com.diffusionlab.engine.sampling.PredictionType;
import com.diffusionlab.engine.sampling.SchedulerConfig;
import com.diffusionlab.engine.text.ClipTokenizer;
import com.diffusionlab.engine.unet.UNet2DConditionModel;
import com.diffusionlab.engine.vae.AutoencoderKL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads models from disk: inspection from headers alone, loading into a device's memory. */
public final class ModelLoader {

  private static final int LISTED = 10;

  private final ContentHasher hasher;

  public ModelLoader(ContentHasher hasher) {
    this.hasher = hasher;
  }

  /**
   * Examines a model without loading weights.
   *
   * @param configSource for a single file, a diffusers folder with its configs; or null
   */
  public ModelInspection inspect(Path path, Path configSource) {
    try (CheckpointLayout layout = CheckpointLayout.resolve(path, configSource)) {
      List<ModelInspection.Component> components = new ArrayList<>();
      layout.components.forEach(
          (name, binding) ->
              components.add(
                  new ModelInspection.Component(
                      name,
                      binding.parameterCount(),
                      binding.dtypes(),
                      binding.missing(),
                      binding.unexpected(),
                      binding.mismatched())));
      CardRecommendations card = CardRecommendations.of(path);
      return new ModelInspection(
          path,
          layout.format.label(),
          layout.family,
          knownPredictionType(layout),
          layout.inpainting(),
          hasher.hash(layout.contentFiles),
          layout.tokenizerDir != null ? layout.tokenizerDir.toString() : "bundled CLIP vocabulary",
          defaultSize(layout, knownPredictionType(layout)),
          card.recommended(),
          card.warnings(),
          layout.textConfig.layers(),
          components);
    }
  }

  /**
   * A model's content hash as its files are now (digests remembered by size and modification time):
   * cheap when nothing changed.
   */
  public String contentHash(Path path, Path configSource) {
    try (CheckpointLayout layout = CheckpointLayout.resolve(path, configSource)) {
      return hasher.hash(layout.contentFiles);
    }
  }

  /**
   * A model's architecture from its configs and headers, without reading a weight: what counting
   * its work needs.
   *
   * @param configSource for a single file, a diffusers folder with its configs; or null
   */
  public ModelArchitecture architecture(Path path, Path configSource) {
    try (CheckpointLayout layout = CheckpointLayout.resolve(path, configSource)) {
      return new ModelArchitecture(
          layout.textConfig,
          layout.unetConfig,
          layout.vaeConfig,
          layout.schedulerConfig != null
              ? SchedulerConfig.read(layout.schedulerConfig)
              : SchedulerConfig.stableDiffusionDefaults());
    }
  }

  private static String knownPredictionType(CheckpointLayout layout) {
    if (layout.schedulerConfig != null) {
      return SchedulerConfig.read(layout.schedulerConfig).predictionType().configName();
    }
    if (layout.predictionType != null) {
      return layout.predictionType;
    }
    return layout.family.equals("sd2") ? "detected at load" : PredictionType.EPSILON.configName();
  }

  /**
   * Loads a model's networks onto {@code device}: FLOAT32 on the CPU, FLOAT16 on a GPU. Its content
   * hash is computed from the bytes on disk at this load, never from a remembered digest.
   *
   * @param expectedHash the content hash the files must have, or null for any
   * @throws com.diffusionlab.engine.ModelFormatException naming the file and tensors when the model
   *     cannot be used
   * @throws ModelIntegrityException when the files do not hash to {@code expectedHash}
   */
  public LoadedModel load(
      Path path, Path configSource, String expectedHash, Device device, Kernels kernels) {
    try (CheckpointLayout layout = CheckpointLayout.resolve(path, configSource)) {
      layout.components.values().forEach(ComponentBinding::requireComplete);
      String hash = hasher.hashNow(layout.contentFiles);
      if (expectedHash != null && !expectedHash.equals(hash)) {
        throw new ModelIntegrityException(path, expectedHash, hash);
      }
      DataType dataType = device.isGpu() ? DataType.FLOAT16 : DataType.FLOAT32;
      NDManager weights = NDManager.newBaseManager(device);
      weights.setName("weights:" + path.getFileName());
      try {
        ClipTextModel text =
            new ClipTextModel(
                layout.textConfig,
                params(layout, CheckpointLayout.TEXT_ENCODER, weights, dataType, kernels));
        UNet2DConditionModel unet =
            new UNet2DConditionModel(
                layout.unetConfig,
                params(layout, CheckpointLayout.UNET, weights, dataType, kernels));
        AutoencoderKL vae =
            new AutoencoderKL(
                layout.vaeConfig, params(layout, CheckpointLayout.VAE, weights, dataType, kernels));
        // from here on, an operation whose result lands in the weights manager is a bug: fail fast
        weights.cap();
        SchedulerConfig scheduler = scheduler(layout, unet, device, dataType);
        ModelInfo info =
            new ModelInfo(
                modelName(path),
                path,
                layout.format.label(),
                layout.family,
                hash,
                scheduler.predictionType().configName(),
                layout.inpainting(),
                parameterCounts(layout),
                defaultSize(layout, scheduler.predictionType().configName()));
        return new LoadedModel(
            info,
            tokenizer(layout),
            text,
            unet,
            vae,
            scheduler,
            weights,
            dataType,
            warnings(layout));
      } catch (RuntimeException e) {
        weights.close();
        throw e;
      }
    }
  }

  private static Params params(
      CheckpointLayout layout,
      String component,
      NDManager weights,
      DataType dataType,
      Kernels kernels) {
    return Params.root(layout.components.get(component).reader(weights, dataType), kernels);
  }

  private static ClipTokenizer tokenizer(CheckpointLayout layout) {
    if (layout.tokenizerDir != null) {
      return ClipTokenizer.fromHuggingFaceFolder(layout.tokenizerDir);
    }
    ClipTokenizer bundled = ClipTokenizer.bundled();
    return layout.family.equals("sd2")
        ? bundled.withPadToken(ClipTokenizer.OPEN_CLIP_PAD_TOKEN)
        : bundled;
  }

  private static SchedulerConfig scheduler(
      CheckpointLayout layout, UNet2DConditionModel unet, Device device, DataType dataType) {
    if (layout.schedulerConfig != null) {
      return SchedulerConfig.read(layout.schedulerConfig);
    }
    SchedulerConfig defaults = SchedulerConfig.stableDiffusionDefaults();
    if (layout.predictionType != null) {
      return defaults.withPredictionType(PredictionType.fromConfigName(layout.predictionType));
    }
    if (layout.family.equals("sd2") && predictsVelocity(unet, device, dataType)) {
      return defaults.withPredictionType(PredictionType.V_PREDICTION);
    }
    return defaults;
  }

  /**
   * SD 2.x single files do not say whether they predict ε or v. AUTOMATIC1111's test tells them
   * apart by the network's output on a flat input at the noisiest step: a v-model's output pulls
   * far below the input there, an ε-model's does not.
   */
  private static boolean predictsVelocity(
      UNet2DConditionModel unet, Device device, DataType dataType) {
    try (NDManager probe = NDManager.newBaseManager(device)) {
      NDArray x = probe.full(new Shape(1, unet.config().inChannels(), 8, 8), 0.5f, dataType);
      NDArray context =
          probe.full(new Shape(1, 2, unet.config().crossAttentionDim()), 0.5f, dataType);
      NDArray t = probe.create(new float[] {999f}).toType(dataType, false);
      NDArray out = unet.forward(x, t, context);
      return out.toType(DataType.FLOAT32, false).sub(0.5f).mean().getFloat() < -1;
    }
  }

  /**
   * Trained size from the UNet config; SD 2.x single files carry none, and their v-models are the
   * 768-pixel ones.
   */
  private static int defaultSize(CheckpointLayout layout, String predictionType) {
    int size = layout.unetConfig.sampleSize() * layout.vaeConfig.downscale();
    boolean sd2SingleFile = layout.format == ModelFormat.SINGLE_FILE && layout.family.equals("sd2");
    return sd2SingleFile && predictionType.equals(PredictionType.V_PREDICTION.configName())
        ? 768
        : size;
  }

  private static Map<String, Long> parameterCounts(CheckpointLayout layout) {
    Map<String, Long> counts = new LinkedHashMap<>();
    layout.components.forEach((name, binding) -> counts.put(name, binding.parameterCount()));
    return counts;
  }

  private static List<String> warnings(CheckpointLayout layout) {
    List<String> warnings = new ArrayList<>();
    layout.components.forEach(
        (name, binding) -> {
          List<String> unexpected = binding.unexpected();
          if (!unexpected.isEmpty()) {
            warnings.add(
                name
                    + ": "
                    + unexpected.size()
                    + " checkpoint tensors not used: "
                    + String.join(", ", unexpected.subList(0, Math.min(LISTED, unexpected.size())))
                    + (unexpected.size() > LISTED ? ", …" : ""));
          }
        });
    return warnings;
  }

  private static String modelName(Path path) {
    String name = path.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 && !path.toFile().isDirectory() ? name.substring(0, dot) : name;
  }
}
