package com.diffusionlab.engine.weights;

import com.diffusionlab.engine.ModelFormatException;
import java.nio.file.Path;

/** A weight file in a pickle-based format, which is never loaded because pickle can run code. */
public class PickleRefusedException extends ModelFormatException {
  private final ModelFileFormat format;

  public PickleRefusedException(Path file, ModelFileFormat format) {
    super(
        file,
        "is a "
            + format.description()
            + ". Pickle files can execute arbitrary code when they are loaded, so they are refused;"
            + " convert the file to .safetensors (for example with the safetensors project's"
            + " convert script, in a sandbox) and use that file instead.");
    this.format = format;
  }

  /** The pickle format found. */
  public ModelFileFormat format() {
    return format;
  }
}
