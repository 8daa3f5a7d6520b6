package com.diffusionlab.engine.loading;

import ai.djl.ndarray.NDArray;
import com.diffusionlab.engine.weights.SafetensorsWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SequencedMap;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a model as a diffusers folder, the layout diffusers' {@code from_pretrained} reads too:
 * {@code model_index.json}, one folder per component with its config and safetensors weights, the
 * scheduler config and the tokenizer files.
 */
public final class DiffusersFolderWriter {

  /** Writes the tokenizer files ({@code vocab.json}, {@code merges.txt}, …) into a folder. */
  @FunctionalInterface
  public interface TokenizerFiles {
    void writeTo(Path folder) throws IOException;
  }

  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private DiffusersFolderWriter() {}

  /**
   * @param weights per component ({@code text_encoder}, {@code unet}, {@code vae}), the arrays by
   *     diffusers name; the text encoder's names start with {@code text_model.}
   */
  public static void write(
      Path dir,
      ModelArchitecture architecture,
      Map<String, SequencedMap<String, NDArray>> weights,
      TokenizerFiles tokenizer,
      Map<String, String> metadata)
      throws IOException {
    Files.createDirectories(dir);
    json(dir.resolve("model_index.json"), modelIndex(architecture));
    component(
        dir,
        CheckpointLayout.TEXT_ENCODER,
        "model.safetensors",
        architecture.textEncoder().toJson(),
        weights,
        metadata);
    component(
        dir,
        CheckpointLayout.UNET,
        "diffusion_pytorch_model.safetensors",
        architecture.unet().toJson(),
        weights,
        metadata);
    component(
        dir,
        CheckpointLayout.VAE,
        "diffusion_pytorch_model.safetensors",
        architecture.vae().toJson(),
        weights,
        metadata);
    Path scheduler = Files.createDirectories(dir.resolve("scheduler"));
    json(scheduler.resolve("scheduler_config.json"), architecture.scheduler().toJson());
    tokenizer.writeTo(Files.createDirectories(dir.resolve("tokenizer")));
  }

  private static void component(
      Path dir,
      String name,
      String file,
      Map<String, Object> config,
      Map<String, SequencedMap<String, NDArray>> weights,
      Map<String, String> metadata)
      throws IOException {
    Path folder = Files.createDirectories(dir.resolve(name));
    json(folder.resolve("config.json"), config);
    Map<String, String> header = new LinkedHashMap<>(metadata);
    header.put("format", "pt");
    SafetensorsWriter.writeAll(folder.resolve(file), header, weights.get(name));
  }

  private static Map<String, Object> modelIndex(ModelArchitecture architecture) {
    Map<String, Object> index = new LinkedHashMap<>();
    index.put("_class_name", "StableDiffusionPipeline");
    index.put("text_encoder", Arrays.asList("transformers", "CLIPTextModel"));
    index.put("tokenizer", Arrays.asList("transformers", "CLIPTokenizer"));
    index.put("unet", Arrays.asList("diffusers", "UNet2DConditionModel"));
    index.put("vae", Arrays.asList("diffusers", "AutoencoderKL"));
    index.put("scheduler", Arrays.asList("diffusers", architecture.scheduler().className()));
    index.put("safety_checker", Arrays.asList(null, null));
    index.put("feature_extractor", Arrays.asList(null, null));
    index.put("requires_safety_checker", false);
    return index;
  }

  private static void json(Path file, Object value) throws IOException {
    Files.writeString(file, JSON.writeValueAsString(value) + "\n");
  }
}
