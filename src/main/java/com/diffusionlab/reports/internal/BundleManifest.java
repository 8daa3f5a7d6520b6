package com.diffusionlab.reports.internal;

import com.diffusionlab.tracking.Experiment;
import com.diffusionlab.tracking.Run;
import java.util.List;
import java.util.Map;

/**
 * What a bundle's {@code manifest.json} holds: where it came from, its experiments and runs as the
 * source workspace recorded them, and the SHA-256 of every other file in the archive.
 *
 * @param format always {@link #FORMAT}
 * @param files archive path → SHA-256 of its bytes
 */
public record BundleManifest(
    String format,
    int version,
    String engineVersion,
    String exportedAt,
    String selection,
    List<Experiment> experiments,
    List<Run> runs,
    Map<String, String> files) {

  public static final String FORMAT = "diffusion-lab-bundle";
  public static final int VERSION = 1;
  public static final String MANIFEST = "manifest.json";
  public static final String ARROW = "runs.arrow";

  /** Where a stored image goes in the archive: named by its own hash. */
  public static String imagePath(String sha256) {
    return "images/" + sha256 + ".png";
  }
}
