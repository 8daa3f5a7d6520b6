package com.diffusionlab.engine.image;

/** Replay metadata written in a newer format than this engine reads: upgrade to replay it. */
public class UnsupportedReplayVersionException extends MetadataFormatException {
  private final int version;

  public UnsupportedReplayVersionException(int version, int newestSupported) {
    super(
        ("diffusionlab metadata has format_version %d, newer than the newest this engine reads (%d);"
                + " replay it with a newer Diffusion Lab")
            .formatted(version, newestSupported));
    this.version = version;
  }

  public int version() {
    return version;
  }
}
