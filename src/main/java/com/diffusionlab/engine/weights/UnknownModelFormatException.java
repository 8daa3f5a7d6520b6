package com.diffusionlab.engine.weights;

import com.diffusionlab.engine.ModelFormatException;
import java.nio.file.Path;

/** A weight file whose bytes match no format the engine reads: only safetensors is read. */
public class UnknownModelFormatException extends ModelFormatException {
  private final ModelFileFormat format;

  public UnknownModelFormatException(Path file, ModelFileFormat format) {
    super(
        file,
        "is a "
            + format.description()
            + ", not a safetensors file; weights are read from .safetensors files only");
    this.format = format;
  }

  /** What the bytes look like. */
  public ModelFileFormat format() {
    return format;
  }
}
