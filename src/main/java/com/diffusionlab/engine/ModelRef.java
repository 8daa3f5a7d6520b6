package com.diffusionlab.engine;

import java.nio.file.Path;

/**
 * A model on disk: a diffusers folder or a single safetensors file.
 *
 * @param configSource for a single file, a diffusers folder whose configs, scheduler and tokenizer
 *     describe it; null to treat it as SD 1.x or 2.x
 * @param expectedHash the content hash its bytes must have (the version a registry recorded); the
 *     engine refuses to load or use it with other bytes. Null to accept whatever is on disk
 */
public record ModelRef(Path path, Path configSource, String expectedHash) {

  public static ModelRef of(Path path) {
    return new ModelRef(path, null, null);
  }

  public ModelRef(Path path, Path configSource) {
    this(path, configSource, null);
  }

  /** The model at {@code path} that must have exactly the bytes that hash to {@code hash}. */
  public static ModelRef verified(Path path, String hash) {
    return new ModelRef(path, null, hash);
  }
}
