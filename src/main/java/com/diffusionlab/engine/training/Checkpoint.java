package com.diffusionlab.engine.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.diffusionlab.engine.nn.ParameterSource;
import com.diffusionlab.engine.weights.SafetensorsFile;
import com.diffusionlab.engine.weights.SafetensorsWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SequencedMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Training progress on disk: a small JSON state and named tensor files. Each file is written to a
 * temporary name and renamed, and the state last, so an interruption at any moment leaves the
 * previous checkpoint intact.
 */
final class Checkpoint {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String STATE = "state.json";

  /**
   * Where training stands: the stage and its step, each stage's time and last loss, the
   * autoencoder's step count once it is done, and the fitted latent scale.
   */
  record State(
      String stage,
      long step,
      long vaeSteps,
      double vaeSeconds,
      double vaeLoss,
      double diffusionSeconds,
      double diffusionLoss,
      float latentScale,
      long seed) {

    /** The autoencoder stage at {@code step}, before anything of the diffusion stage. */
    static State autoencoder(long step, double seconds, double loss, long seed) {
      return new State(TinyShapesTrainer.VAE, step, 0, seconds, loss, 0, Double.NaN, 1f, seed);
    }

    /** The diffusion stage about to start on a finished autoencoder. */
    static State diffusionStart(
        long vaeSteps, double vaeSeconds, double vaeLoss, float latentScale, long seed) {
      return new State(
          TinyShapesTrainer.DIFFUSION,
          0,
          vaeSteps,
          vaeSeconds,
          vaeLoss,
          0,
          Double.NaN,
          latentScale,
          seed);
    }

    /** The figures for the model card, whichever process ran which part. */
    ModelCard.Figures figures() {
      boolean pastVae = !stage.equals(TinyShapesTrainer.VAE);
      return new ModelCard.Figures(
          pastVae ? vaeSteps : step,
          vaeSeconds / 60,
          vaeLoss,
          pastVae ? step : 0,
          diffusionSeconds / 60,
          diffusionLoss);
    }
  }

  private final Path dir;

  Checkpoint(Path dir) {
    this.dir = dir;
  }

  boolean exists() {
    return Files.isRegularFile(dir.resolve(STATE));
  }

  State state() throws IOException {
    JsonNode node = JSON.readTree(Files.readString(dir.resolve(STATE)));
    return new State(
        node.get("stage").asString(),
        node.get("step").asLong(),
        // absent from checkpoints written before the card took its figures from here
        node.has("vaeSteps") ? node.get("vaeSteps").asLong() : 0,
        node.get("vaeSeconds").asDouble(),
        loss(node, "vaeLoss"),
        node.get("diffusionSeconds").asDouble(),
        loss(node, "diffusionLoss"),
        (float) node.get("latentScale").asDouble(),
        node.get("seed").asLong());
  }

  /** A loss not yet known is NaN, which JSON writes as a string. */
  private static double loss(JsonNode state, String name) {
    JsonNode value = state.get(name);
    return value != null && value.isNumber() ? value.asDouble() : Double.NaN;
  }

  void save(State state, Map<String, SequencedMap<String, NDArray>> tensors) throws IOException {
    Files.createDirectories(dir);
    for (Map.Entry<String, SequencedMap<String, NDArray>> file : tensors.entrySet()) {
      SafetensorsWriter.writeAll(
          dir.resolve(file.getKey() + ".safetensors"), Map.of(), file.getValue());
    }
    Path temporary = dir.resolve(STATE + ".part");
    Files.writeString(temporary, JSON.writeValueAsString(state));
    Files.move(
        temporary,
        dir.resolve(STATE),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
  }

  /** The tensors of one file, as float arrays by name. */
  Map<String, float[]> floats(String name) {
    Map<String, float[]> values = new HashMap<>();
    try (SafetensorsFile file = SafetensorsFile.open(dir.resolve(name + ".safetensors"))) {
      for (String tensor : file.tensors().keySet()) {
        values.put(tensor, file.readFloats(tensor));
      }
    }
    return values;
  }

  /** Parameters read from one file, as a network asks for them. */
  ParameterSource parameters(String name, NDManager manager) {
    Map<String, float[]> values = floats(name);
    return (parameter, shape) -> {
      float[] data = values.get(parameter);
      if (data == null || data.length != shape.size()) {
        throw new IllegalStateException("checkpoint " + name + " lacks " + parameter + " " + shape);
      }
      return manager.create(data, shape);
    };
  }

  static SequencedMap<String, NDArray> prefixed(
      String prefix, SequencedMap<String, NDArray> arrays) {
    SequencedMap<String, NDArray> result = new LinkedHashMap<>();
    arrays.forEach((name, array) -> result.put(prefix + name, array));
    return result;
  }
}
