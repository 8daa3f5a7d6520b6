package com.diffusionlab.engine;

import java.nio.file.Path;

/**
 * A model's files no longer have the bytes its version names: changed on disk after it was
 * registered. Using them would record pixels under a hash that did not make them, so the engine
 * refuses.
 *
 * @see ModelRef#expectedHash()
 */
public class ModelIntegrityException extends EngineException {
  private final Path path;
  private final String expectedHash;
  private final String actualHash;

  public ModelIntegrityException(Path path, String expectedHash, String actualHash) {
    super(
        path
            + ": its content hash is "
            + actualHash
            + ", not the registered "
            + expectedHash
            + ": the files changed after registration");
    this.path = path;
    this.expectedHash = expectedHash;
    this.actualHash = actualHash;
  }

  public Path path() {
    return path;
  }

  public String expectedHash() {
    return expectedHash;
  }

  public String actualHash() {
    return actualHash;
  }
}
