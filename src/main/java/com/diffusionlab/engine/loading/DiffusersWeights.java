package com.diffusionlab.engine.loading;

import com.diffusionlab.engine.ModelFormatException;
import com.diffusionlab.engine.config.JsonConfig;
import com.diffusionlab.engine.weights.WeightFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Finds a diffusers component's weight files: one safetensors file, its fp16 variant, or the shards
 * an index names. Pickle weights ({@code .bin}) are refused with advice rather than ignored.
 */
final class DiffusersWeights {

  private static final List<String> SINGLE =
      List.of(
          "diffusion_pytorch_model.safetensors",
          "model.safetensors",
          "diffusion_pytorch_model.fp16.safetensors",
          "model.fp16.safetensors");
  private static final List<String> INDEXES =
      List.of("diffusion_pytorch_model.safetensors.index.json", "model.safetensors.index.json");
  private static final List<String> PICKLES =
      List.of("diffusion_pytorch_model.bin", "pytorch_model.bin", "model.ckpt");

  private DiffusersWeights() {}

  static List<Path> find(Path componentDir) {
    if (!Files.isDirectory(componentDir)) {
      throw new ModelFormatException(componentDir, "component folder is missing");
    }
    for (String name : SINGLE) {
      Path file = componentDir.resolve(name);
      if (Files.isRegularFile(file)) {
        return List.of(file);
      }
    }
    for (String name : INDEXES) {
      Path index = componentDir.resolve(name);
      if (Files.isRegularFile(index)) {
        return shards(componentDir, index);
      }
    }
    for (String name : PICKLES) {
      Path file = componentDir.resolve(name);
      if (Files.isRegularFile(file)) {
        WeightFiles.requireSafetensors(file); // refuses the pickle with its own message
        return List.of(file); // a safetensors file misnamed .bin is fine
      }
    }
    throw new ModelFormatException(
        componentDir, "no weights: expected one of " + SINGLE + " or a sharded index " + INDEXES);
  }

  /** Shard names come from the index file and are treated as hostile: plain names only. */
  private static List<Path> shards(Path componentDir, Path index) {
    Map<String, String> weightMap = JsonConfig.read(index).stringMap("weight_map");
    if (weightMap.isEmpty()) {
      throw new ModelFormatException(index, "weight_map is missing or empty");
    }
    TreeSet<String> names = new TreeSet<>();
    for (String name : weightMap.values()) {
      if (!name.matches("[A-Za-z0-9._-]+\\.safetensors") || name.startsWith(".")) {
        throw new ModelFormatException(
            index,
            "weight_map names shard '" + name + "': expected a plain .safetensors file name");
      }
      names.add(name);
    }
    return names.stream().map(componentDir::resolve).toList();
  }
}
