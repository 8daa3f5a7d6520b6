package com.diffusionlab.engine;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The tiny random-weight models under src/test/resources/reference (see its README). */
public final class TinyModels {
  private TinyModels() {}

  /** A diffusers folder: {@code tiny-sd1} (ε-prediction) or {@code tiny-sd2} (v-prediction). */
  public static Path folder(String name) {
    try {
      return Path.of(TinyModels.class.getResource("/reference/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The same weights as one file in the original Stable Diffusion layout. */
  public static Path singleFile(String name) {
    return folder(name).resolveSibling(name + ".safetensors");
  }
}
