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

  /** Where training stands: the stage, its step, time spent, and the fitted latent scale. */
  record State(
      String stage,
      long step,
      double vaeSeconds,
      double diffusionSeconds,
      float latentScale,
      long seed) {}

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
        node.get("vaeSeconds").asDouble(),
        node.get("diffusionSeconds").asDouble(),
        (float) node.get("latentScale").asDouble(),
        node.get("seed").asLong());
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
