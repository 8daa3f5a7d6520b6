package com.diffusionlab.models;

import com.diffusionlab.engine.ModelRef;
import com.diffusionlab.engine.RecommendedSettings;
import com.fasterxml.jackson.annotation.JsonIgnore;
import java.nio.file.Path;

/**
 * A registered model version: the files at a path, identified by their content hash.
 *
 * @param path where its files are on this server; never shown to clients (see {@code location})
 * @param location its path relative to the models folder, what clients see
 * @param recommended what its model card recommends generating with
 * @param textEncoderLayers the text encoder's layer count, the largest clip skip; 0 when unknown (a
 *     broken or missing model)
 * @param status {@code AVAILABLE}, {@code BROKEN} (cannot be loaded: see error) or {@code MISSING}
 *     (its files are gone, or now hold other bytes: another version)
 * @param approval where it stands in governance: only approved versions run outside sandboxes
 */
public record ModelVersion(
    long id,
    String name,
    @JsonIgnore Path path,
    String location,
    String contentHash,
    String format,
    String family,
    String predictionType,
    boolean inpainting,
    int defaultSize,
    RecommendedSettings recommended,
    int textEncoderLayers,
    long sizeBytes,
    long textEncoderParameters,
    long unetParameters,
    long vaeParameters,
    String status,
    String error,
    ApprovalStatus approval) {

  public static final String AVAILABLE = "AVAILABLE";
  public static final String BROKEN = "BROKEN";
  public static final String MISSING = "MISSING";

  /** Whether its files are there and load. */
  @JsonIgnore
  public boolean available() {
    return AVAILABLE.equals(status);
  }

  public boolean approved() {
    return approval == ApprovalStatus.APPROVED;
  }

  /** Available and approved: what every session may run. */
  public boolean usable() {
    return available() && approved();
  }

  public String shortHash() {
    return contentHash == null ? "" : contentHash.substring(0, 10);
  }

  /** Its name and short hash, as messages name a version. */
  @JsonIgnore
  public String label() {
    return contentHash == null ? name : name + " (" + shortHash() + ")";
  }

  /** The engine's reference: these files, which must hash to this version's content hash. */
  public ModelRef ref() {
    return ModelRef.verified(path, contentHash);
  }

  public long parameters() {
    return textEncoderParameters + unetParameters + vaeParameters;
  }
}
