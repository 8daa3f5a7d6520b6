package com.diffusionlab.engine.loading;

import ai.djl.ndarray.types.Shape;
import com.diffusionlab.engine.ModelFormatException;
import com.diffusionlab.engine.clip.ClipTextConfig;
import com.diffusionlab.engine.config.JsonConfig;
import com.diffusionlab.engine.unet.UNetConfig;
import com.diffusionlab.engine.vae.VaeConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A model on disk, understood from its configs and tensor headers alone: its format and family, the
 * three networks' configurations, where each network's weights are and how their names map. Nothing
 * is loaded yet; every structural problem is already known.
 */
final class CheckpointLayout implements AutoCloseable {

  static final String TEXT_ENCODER = "text_encoder";
  static final String UNET = "unet";
  static final String VAE = "vae";

  private static final Set<String> PIPELINES =
      Set.of(
          "StableDiffusionPipeline",
          "StableDiffusionImg2ImgPipeline",
          "StableDiffusionInpaintPipeline");
  private static final Pattern V_PARAMETERIZATION =
      Pattern.compile("parameterization:\\s*[\"']?v[\"']?\\s*$", Pattern.MULTILINE);

  final Path path;
  final ModelFormat format;
  final String family;
  final UNetConfig unetConfig;
  final ClipTextConfig textConfig;
  final VaeConfig vaeConfig;

  /** diffusers scheduler_config.json, or null for single files (SD defaults apply). */
  final Path schedulerConfig;

  /** Prediction type known from the files, or null when the scheduler config says it. */
  final String predictionType;

  /** The tokenizer folder, or null for single files, which use the bundled CLIP vocabulary. */
  final Path tokenizerDir;

  /**
   * Every file whose bytes decide the output, by a stable name (its path relative to the model, or
   * to the config folder under {@code config/}): the content hash covers them.
   */
  final SequencedMap<String, Path> contentFiles;

  final Map<String, ComponentBinding> components;
  private final List<TensorStore> stores;

  private CheckpointLayout(Builder builder) {
    path = builder.path;
    format = builder.format;
    unetConfig = builder.unetConfig;
    textConfig = builder.textConfig;
    vaeConfig = builder.vaeConfig;
    schedulerConfig = builder.schedulerConfig;
    predictionType = builder.predictionType;
    tokenizerDir = builder.tokenizerDir;
    contentFiles = builder.contentFiles;
    components = builder.components;
    stores = builder.stores;
    family = builder.family != null ? builder.family : familyOf(unetConfig, textConfig);
  }

  /**
   * Reads a diffusers folder (with {@code model_index.json}) or a single-file checkpoint.
   *
   * @param configSource for a single file, a diffusers folder whose configs, scheduler and
   *     tokenizer describe it (as diffusers' {@code from_single_file(config=...)}); null to infer
   *     SD 1.x or 2.x from the tensors
   */
  static CheckpointLayout resolve(Path path, Path configSource) {
    if (Files.isDirectory(path)) {
      return diffusers(path);
    }
    if (!Files.isRegularFile(path)) {
      throw new ModelFormatException(path, "no such model file or folder");
    }
    return singleFile(path, configSource);
  }

  boolean inpainting() {
    return unetConfig.inChannels() == 9;
  }

  private static CheckpointLayout diffusers(Path dir) {
    Path index = dir.resolve("model_index.json");
    if (!Files.isRegularFile(index)) {
      throw new ModelFormatException(
          dir, "not a diffusers folder: model_index.json is missing (or pass a .safetensors file)");
    }
    JsonConfig modelIndex = JsonConfig.read(index);
    String pipeline = modelIndex.string("_class_name", "");
    if (!PIPELINES.contains(pipeline)) {
      throw new ModelFormatException(
          index, "_class_name='" + pipeline + "' is not supported: supported are " + PIPELINES);
    }
    Builder builder = new Builder(dir, ModelFormat.DIFFUSERS);
    builder.addContent(index);
    try {
      readConfigs(builder, dir);
      for (String component : List.of(TEXT_ENCODER, UNET, VAE)) {
        bindFolder(builder, component);
      }
      return new CheckpointLayout(builder);
    } catch (RuntimeException e) {
      builder.stores.forEach(TensorStore::close);
      throw e;
    }
  }

  /** The configs, scheduler and tokenizer of a diffusers folder. */
  private static void readConfigs(Builder builder, Path dir) {
    builder.unetConfig = UNetConfig.from(builder.config(dir.resolve(UNET)));
    builder.textConfig = ClipTextConfig.from(builder.config(dir.resolve(TEXT_ENCODER)));
    builder.vaeConfig = VaeConfig.from(builder.config(dir.resolve(VAE)));
    builder.schedulerConfig = requireFile(dir.resolve("scheduler/scheduler_config.json"));
    builder.addContent(builder.schedulerConfig);
    builder.tokenizerDir = dir.resolve("tokenizer");
    for (String file : List.of("vocab.json", "merges.txt")) {
      builder.addContent(requireFile(builder.tokenizerDir.resolve(file)));
    }
    optionalFile(builder.tokenizerDir.resolve("tokenizer_config.json"))
        .ifPresent(builder::addContent);
    optionalFile(builder.tokenizerDir.resolve("special_tokens_map.json"))
        .ifPresent(builder::addContent);
  }

  private static void bindFolder(Builder builder, String component) {
    Path dir = builder.path.resolve(component);
    List<Path> weights = DiffusersWeights.find(dir);
    weights.forEach(builder::addContent);
    SafetensorsStore store = new SafetensorsStore(weights);
    builder.stores.add(store);
    // transformers saves the position ids buffer with the text encoder's weights
    KeyMap keys = KeyMap.withIgnored(KeyMap.prefixed(""), name -> name.endsWith("position_ids"));
    builder.components.put(
        component,
        new ComponentBinding(
            component, dir, store, expectedShapes(component, builder), keys, name -> true));
  }

  private static CheckpointLayout singleFile(Path file, Path configSource) {
    Builder builder = new Builder(file, ModelFormat.SINGLE_FILE);
    builder.addContent(file);
    SafetensorsStore store = new SafetensorsStore(List.of(file));
    builder.stores.add(store);
    try {
      Map<String, StoredTensor> tensors = store.tensors();
      if (tensors.keySet().stream().anyMatch(name -> name.startsWith("conditioner.embedders."))) {
        throw new ModelFormatException(
            file,
            "an SDXL checkpoint (conditioner.embedders.*): only SD 1.x and 2.x are supported");
      }
      boolean sd1 = hasPrefix(tensors, OriginalLayoutKeys.SD1_TEXT_PREFIX);
      boolean sd2 = hasPrefix(tensors, OriginalLayoutKeys.SD2_TEXT_PREFIX);
      if (!sd1 && !sd2) {
        throw new ModelFormatException(
            file,
            "not a Stable Diffusion 1.x/2.x checkpoint: no text encoder tensors (cond_stage_model.*)");
      }
      StoredTensor convIn = tensors.get(OriginalLayoutKeys.UNET_PREFIX + "input_blocks.0.0.weight");
      if (convIn == null || convIn.shape().dimension() != 4) {
        throw new ModelFormatException(
            file, "no UNet input convolution (model.diffusion_model.input_blocks.0.0.weight)");
      }
      int inChannels = Math.toIntExact(convIn.shape().get(1));
      if (configSource != null) {
        readConfigs(builder, configSource);
      } else {
        builder.unetConfig = UNetConfig.stableDiffusion(sd2, inChannels);
        builder.textConfig = sd2 ? ClipTextConfig.sd2() : ClipTextConfig.sd1();
        builder.vaeConfig = VaeConfig.stableDiffusion();
        builder.predictionType = sidecarPrediction(file);
      }
      KeyMap text =
          sd2 ? OriginalLayoutKeys.sd2Text(builder.textConfig.layers()) : sd1TextKeys(tensors);
      addSingleFile(builder, store, TEXT_ENCODER, text, "cond_stage_model.");
      addSingleFile(
          builder,
          store,
          UNET,
          OriginalLayoutKeys.unet(builder.unetConfig),
          OriginalLayoutKeys.UNET_PREFIX);
      addSingleFile(
          builder,
          store,
          VAE,
          OriginalLayoutKeys.vae(builder.vaeConfig.blockOutChannels().size()),
          OriginalLayoutKeys.VAE_PREFIX);
      return new CheckpointLayout(builder);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /**
   * Older transformers versions saved CLIP without the {@code text_model.} level; both layouts
   * occur in SD 1.x checkpoints.
   */
  private static KeyMap sd1TextKeys(Map<String, StoredTensor> tensors) {
    String prefix = OriginalLayoutKeys.SD1_TEXT_PREFIX;
    if (hasPrefix(tensors, prefix + "text_model.")) {
      return OriginalLayoutKeys.sd1Text(prefix);
    }
    return parameter -> TensorRef.whole(prefix + parameter.substring("text_model.".length()));
  }

  private static void addSingleFile(
      Builder builder, TensorStore store, String component, KeyMap keys, String prefix) {
    KeyMap withIgnores =
        KeyMap.withIgnored(
            keys, name -> keys.ignorable(name) || OriginalLayoutKeys.ignorable(name));
    builder.components.put(
        component,
        new ComponentBinding(
            component,
            builder.path,
            store,
            expectedShapes(component, builder),
            withIgnores,
            name -> name.startsWith(prefix)));
  }

  private static boolean hasPrefix(Map<String, StoredTensor> tensors, String prefix) {
    return tensors.keySet().stream().anyMatch(name -> name.startsWith(prefix));
  }

  /** AUTOMATIC1111 reads a sibling {@code .yaml} config; a v-model says so there. */
  private static String sidecarPrediction(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    Path yaml = file.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".yaml");
    if (!Files.isRegularFile(yaml)) {
      return null;
    }
    try {
      return V_PARAMETERIZATION.matcher(Files.readString(yaml)).find() ? "v_prediction" : "epsilon";
    } catch (IOException e) {
      throw new ModelFormatException(yaml, "unreadable: " + e.getMessage(), e);
    }
  }

  private static Map<String, Shape> expectedShapes(String component, Builder builder) {
    return switch (component) {
      case TEXT_ENCODER -> ExpectedShapes.textEncoder(builder.textConfig);
      case UNET -> ExpectedShapes.unet(builder.unetConfig);
      case VAE -> ExpectedShapes.vae(builder.vaeConfig);
      default -> throw new IllegalArgumentException(component);
    };
  }

  private static String familyOf(UNetConfig unet, ClipTextConfig text) {
    if (unet.equals(UNetConfig.stableDiffusion(false, unet.inChannels()))
        && text.equals(ClipTextConfig.sd1())) {
      return "sd1";
    }
    if (unet.equals(UNetConfig.stableDiffusion(true, unet.inChannels()))
        && text.equals(ClipTextConfig.sd2())) {
      return "sd2";
    }
    return "custom";
  }

  private static Path requireFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new ModelFormatException(file, "missing");
    }
    return file;
  }

  private static Optional<Path> optionalFile(Path file) {
    return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
  }

  @Override
  public void close() {
    stores.forEach(TensorStore::close);
  }

  private static final class Builder {
    final Path path;
    final ModelFormat format;
    String family;
    UNetConfig unetConfig;
    ClipTextConfig textConfig;
    VaeConfig vaeConfig;
    Path schedulerConfig;
    String predictionType;
    Path tokenizerDir;
    final SequencedMap<String, Path> contentFiles = new LinkedHashMap<>();
    final Map<String, ComponentBinding> components = new LinkedHashMap<>();
    final List<TensorStore> stores = new ArrayList<>();

    Builder(Path path, ModelFormat format) {
      this.path = path;
      this.format = format;
    }

    JsonConfig config(Path componentDir) {
      Path config = requireFile(componentDir.resolve("config.json"));
      addContent(config);
      return JsonConfig.read(config);
    }

    void addContent(Path file) {
      Path base = Files.isDirectory(path) ? path : path.getParent();
      Path absolute = file.toAbsolutePath().normalize();
      String name =
          absolute.startsWith(base.toAbsolutePath().normalize())
              ? base.toAbsolutePath().normalize().relativize(absolute).toString()
              : "config/" + absolute.getParent().getFileName() + "/" + absolute.getFileName();
      contentFiles.put(name.replace('\\', '/'), file);
    }
  }
}
