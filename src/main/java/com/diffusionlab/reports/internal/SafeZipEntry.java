package com.diffusionlab.reports.internal;

/**
 * An entry of a {@link SafeZipFile} whose headers passed every check. Its sizes are as declared;
 * reading it through {@link SafeZipFile#newInputStream} holds the data to them.
 *
 * @param name relative, '/'-separated; a trailing '/' marks a folder
 * @param size uncompressed bytes
 */
public record SafeZipEntry(String name, Method method, long compressedSize, long size) {

  /** The compression methods {@link SafeZipFile} reads. */
  public enum Method {
    STORED,
    DEFLATED
  }

  /** Whether this entry is a folder (its name ends in '/'; it has no content). */
  public boolean isFolder() {
    return name.endsWith("/");
  }
}
