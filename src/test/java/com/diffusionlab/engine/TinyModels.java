package com.diffusionlab.engine;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.stream.Stream;

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

  /** A copy of a diffusers folder at {@code target}, for tests that change its files. */
  public static Path copyOf(String name, Path target) throws IOException {
    Path source = folder(name);
    try (Stream<Path> files = Files.walk(source)) {
      for (Path file : files.toList()) {
        Path copy = target.resolve(source.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(file, copy);
        }
      }
    }
    return target;
  }

  /**
   * Flips the lowest bit of one of the UNet's last weight bytes in a diffusers folder: other bytes,
   * still a loadable model, of the same size.
   *
   * @param fromEnd which byte, counted from the file's end (0: the last); copies changed at
   *     different bytes are different versions
   * @param keepModifiedTime set the modification time back to what it was, as a careful tamperer
   *     would
   */
  public static void changeAByte(Path diffusersFolder, int fromEnd, boolean keepModifiedTime)
      throws IOException {
    Path weights = diffusersFolder.resolve("unet/diffusion_pytorch_model.safetensors");
    FileTime modified = Files.getLastModifiedTime(weights);
    byte[] bytes = Files.readAllBytes(weights);
    bytes[bytes.length - 1 - fromEnd] ^= 1;
    Files.write(weights, bytes);
    Files.setLastModifiedTime(
        weights, keepModifiedTime ? modified : FileTime.fromMillis(modified.toMillis() + 60_000));
  }

  /** The same weights as one file in the original Stable Diffusion layout. */
  public static Path singleFile(String name) {
    return folder(name).resolveSibling(name + ".safetensors");
  }
}
