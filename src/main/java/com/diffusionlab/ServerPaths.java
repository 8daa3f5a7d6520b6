package com.diffusionlab;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Takes the server's own folders out of text a client will read (an API answer, an error shown in
 * the UI): a path under one becomes relative to it, the folder itself its name in words. Where the
 * server keeps its files is nobody's business but its administrator's.
 */
public final class ServerPaths {
  private final Map<String, String> folders = new LinkedHashMap<>();

  private ServerPaths() {}

  /** The installation's models and data folders. */
  public static ServerPaths of(LabProperties properties) {
    return new ServerPaths()
        .with(properties.modelsDir(), "the models folder")
        .with(properties.dataDir(), "the data folder");
  }

  /** Only the models folder. */
  public static ServerPaths ofModels(Path modelsDir) {
    return new ServerPaths().with(modelsDir, "the models folder");
  }

  private ServerPaths with(Path folder, String words) {
    folders.put(folder.toAbsolutePath().normalize().toString(), words);
    return this;
  }

  /** The text with every path under these folders relative to its folder; null stays null. */
  public String scrub(String text) {
    if (text == null) {
      return null;
    }
    String scrubbed = text;
    for (Map.Entry<String, String> folder : folders.entrySet()) {
      scrubbed =
          scrubbed
              .replace(folder.getKey() + java.io.File.separator, "")
              .replace(folder.getKey(), folder.getValue());
    }
    return scrubbed;
  }
}
