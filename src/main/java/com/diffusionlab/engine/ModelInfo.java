package com.diffusionlab.engine;

import java.nio.file.Path;
import java.util.Map;

/**
 * What identifies a loaded model and how it behaves: the content hash is its version.
 *
 * @param name the file name without extension, or the folder name
 * @param format {@code diffusers} or {@code single-file}
 * @param family {@code sd1}, {@code sd2} or {@code custom}
 * @param contentHash SHA-256 over the weights and configs (of the file, for single files)
 * @param predictionType {@code epsilon} or {@code v_prediction}
 * @param parameters parameter count per component
 * @param defaultSize the image side the model was trained at, in pixels
 */
public record ModelInfo(
    String name,
    Path path,
    String format,
    String family,
    String contentHash,
    String predictionType,
    boolean inpainting,
    Map<String, Long> parameters,
    int defaultSize) {

  public ModelInfo {
    parameters = Map.copyOf(parameters);
  }

  /** The first 10 hex digits, as AUTOMATIC1111 shows a model hash. */
  public String shortHash() {
    return contentHash.substring(0, 10);
  }
}
