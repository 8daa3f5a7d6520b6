package com.diffusionlab.models;

import com.diffusionlab.engine.ModelRef;
import com.diffusionlab.engine.RecommendedSettings;
import java.nio.file.Path;

/**
 * A registered model version: the files at a path, identified by their content hash.
 *
 * @param recommended what its model card recommends generating with
 * @param status {@code AVAILABLE}, {@code BROKEN} (cannot be loaded: see error) or {@code MISSING}
 *     (its files are gone)
 */
public record ModelVersion(
    long id,
    String name,
    Path path,
    String contentHash,
    String format,
    String family,
    String predictionType,
    boolean inpainting,
    int defaultSize,
    RecommendedSettings recommended,
    long sizeBytes,
    long textEncoderParameters,
    long unetParameters,
    long vaeParameters,
    String status,
    String error,
    boolean approved) {

  public static final String AVAILABLE = "AVAILABLE";
  public static final String BROKEN = "BROKEN";
  public static final String MISSING = "MISSING";

  public boolean usable() {
    return AVAILABLE.equals(status) && approved;
  }

  public String shortHash() {
    return contentHash == null ? "" : contentHash.substring(0, 10);
  }

  public ModelRef ref() {
    return ModelRef.of(path);
  }

  public long parameters() {
    return textEncoderParameters + unetParameters + vaeParameters;
  }
}
