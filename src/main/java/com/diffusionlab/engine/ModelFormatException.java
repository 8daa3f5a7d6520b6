package com.diffusionlab.engine;

import java.nio.file.Path;

/**
 * A model file or folder that cannot be used: unreadable, malformed, unsafe or not matching the
 * architecture. The message names the file and, where there is one, the tensor.
 */
public class ModelFormatException extends EngineException {
  private final Path file;

  public ModelFormatException(Path file, String message) {
    super(file + ": " + message);
    this.file = file;
  }

  public ModelFormatException(Path file, String message, Throwable cause) {
    super(file + ": " + message, cause);
    this.file = file;
  }

  public Path file() {
    return file;
  }
}
