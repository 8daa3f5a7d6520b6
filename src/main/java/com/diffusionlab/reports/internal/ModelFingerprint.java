package com.diffusionlab.reports.internal;

import java.util.Objects;

/**
 * A model the reported runs used: its registered name and the content hash that identifies the
 * exact version.
 */
public record ModelFingerprint(String name, String contentHash) {

  public ModelFingerprint {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(contentHash, "contentHash");
  }
}
