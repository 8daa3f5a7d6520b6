package com.diffusionlab.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads this process's resident memory from {@code /proc/self/status}: the current RSS and the
 * high-water mark, which Linux lets a process reset ({@code clear_refs} = 5) so that a generation
 * can report its own peak. Where {@code /proc} is absent (not Linux) every figure is 0.
 */
public final class ResourceMonitor {

  private final Path status;
  private final Path clearRefs;

  public ResourceMonitor() {
    this(Path.of("/proc/self/status"), Path.of("/proc/self/clear_refs"));
  }

  ResourceMonitor(Path status, Path clearRefs) {
    this.status = status;
    this.clearRefs = clearRefs;
  }

  /** Current resident set size in bytes. */
  public long rssBytes() {
    return field("VmRSS:");
  }

  /** Highest resident set size since start or since the last {@link #resetPeak()}, in bytes. */
  public long peakRssBytes() {
    return Math.max(field("VmHWM:"), rssBytes());
  }

  /**
   * Starts a new peak measurement. Returns false when the kernel refuses, in which case the peak is
   * the process's peak since start.
   */
  public boolean resetPeak() {
    try {
      Files.writeString(clearRefs, "5");
      return true;
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return false;
    }
  }

  private long field(String name) {
    List<String> lines;
    try {
      lines = Files.readAllLines(status);
    } catch (IOException e) {
      return 0;
    }
    for (String line : lines) {
      if (line.startsWith(name)) {
        String[] parts = line.substring(name.length()).trim().split("\\s+");
        return Long.parseLong(parts[0]) * 1024;
      }
    }
    return 0;
  }
}
