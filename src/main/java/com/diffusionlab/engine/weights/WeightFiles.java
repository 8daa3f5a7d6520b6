package com.diffusionlab.engine.weights;

import com.diffusionlab.engine.ModelFormatException;
import java.nio.file.Path;

/** Checks on weight files before anything is loaded from them. */
public final class WeightFiles {
  private WeightFiles() {}

  /**
   * Passes if the bytes of {@code file} are those of a safetensors file (whatever its name).
   *
   * @throws PickleRefusedException for PyTorch zip checkpoints and bare pickles
   * @throws UnknownModelFormatException for anything else that is not safetensors
   * @throws ModelFormatException if the file cannot be read
   */
  public static void requireSafetensors(Path file) {
    ModelFileFormat format = ModelFileFormat.detect(file);
    if (format.isPickle()) {
      throw new PickleRefusedException(file, format);
    }
    if (format != ModelFileFormat.SAFETENSORS) {
      throw new UnknownModelFormatException(file, format);
    }
  }
}
