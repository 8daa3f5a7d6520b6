package com.diffusionlab.engine.weights;

import com.diffusionlab.engine.ModelFormatException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A file that is not a well-formed safetensors file: its header is malformed, inconsistent or
 * hostile. The message names the file and, where one is at fault, the tensor.
 */
public class InvalidSafetensorsException extends ModelFormatException {
  private final String tensor;

  public InvalidSafetensorsException(Path file, String message) {
    super(file, message);
    this.tensor = null;
  }

  public InvalidSafetensorsException(Path file, String tensor, String message) {
    super(file, "tensor '" + tensor + "': " + message);
    this.tensor = tensor;
  }

  public InvalidSafetensorsException(Path file, String message, Throwable cause) {
    super(file, message, cause);
    this.tensor = null;
  }

  /** The tensor the problem is about, if it is about one. */
  public Optional<String> tensor() {
    return Optional.ofNullable(tensor);
  }
}
