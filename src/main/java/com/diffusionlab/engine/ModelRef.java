package com.diffusionlab.engine;

import java.nio.file.Path;

/**
 * A model on disk: a diffusers folder or a single safetensors file.
 *
 * @param configSource for a single file, a diffusers folder whose configs, scheduler and tokenizer
 *     describe it; null to treat it as SD 1.x or 2.x
 */
public record ModelRef(Path path, Path configSource) {

  public static ModelRef of(Path path) {
    return new ModelRef(path, null);
  }
}
