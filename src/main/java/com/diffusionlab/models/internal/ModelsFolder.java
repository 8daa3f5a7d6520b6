package com.diffusionlab.models.internal;

import com.diffusionlab.ServerPaths;
import java.nio.file.Path;

/**
 * The models folder, and how paths under it are shown: relative to it, so that neither the API nor
 * an error message tells a client where the server keeps its files.
 *
 * @param dir absolute and normalized
 */
public record ModelsFolder(Path dir) {

  public ModelsFolder {
    dir = dir.toAbsolutePath().normalize();
  }

  /** A model's path as clients see it: relative to the folder, or its file name if outside. */
  public String relative(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    return absolute.startsWith(dir)
        ? dir.relativize(absolute).toString()
        : String.valueOf(absolute.getFileName());
  }

  /** The text with the folder's absolute path taken out of every path that starts with it. */
  public String scrub(String text) {
    return ServerPaths.ofModels(dir).scrub(text);
  }
}
