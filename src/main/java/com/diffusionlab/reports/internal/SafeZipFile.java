package com.diffusionlab.reports.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A ZIP file from an untrusted source, opened only if every header passes the checks for hostile
 * archives; its entries are then read with their data held to what the headers declare.
 *
 * <p>{@link #open} reads the central directory and every local header with its own parser rather
 * than {@link java.util.zip.ZipFile}'s, because it must see what that class hides (Unix file types,
 * local headers, gaps between entries) and must be the only reading of the archive there is. It
 * refuses names that leave the target folder or that tools and file systems read differently,
 * symbolic links and special files, duplicate names and names equal but for case, more entries than
 * allowed, ratios and totals over the limits, encryption, methods other than STORED and DEFLATED,
 * local headers that disagree with the central directory, and any structure it cannot read in
 * exactly one way. {@link #newInputStream} then refuses data that inflates to more or less than
 * declared or has another CRC-32. Read every entry to its end before writing anything: only then is
 * the whole archive checked.
 *
 * <p>Supported: single-file archives, ZIP64 ones too (more than 65,535 entries, or local headers
 * past 4 GiB) but not entries of 4 GiB or more, STORED and DEFLATED entries, data descriptors with
 * or without their signature, UTF-8 names (flagged) and archive and entry comments. Streams of one
 * archive may be read from different threads.
 */
public final class SafeZipFile implements Closeable {
  private final ArchiveChannel archive;
  private final Map<String, EntryLocation> locations;

  private SafeZipFile(ArchiveChannel archive, Map<String, EntryLocation> locations) {
    this.archive = archive;
    this.locations = locations;
  }

  /**
   * Opens {@code file} and checks every declared header against the rules and {@code limits}.
   *
   * @throws HostileArchiveException naming the entry (if one is at fault) and the rule it breaks
   * @throws IOException if the file cannot be read
   */
  public static SafeZipFile open(Path file, ZipLimits limits) throws IOException {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
    try {
      ArchiveChannel archive = new ArchiveChannel(file, channel, channel.size());
      Map<String, EntryLocation> locations = new LinkedHashMap<>();
      for (EntryLocation location : ArchiveHeaderCheck.run(archive, limits)) {
        locations.put(location.entry().name(), location);
      }
      return new SafeZipFile(archive, locations);
    } catch (IOException | RuntimeException e) {
      try {
        channel.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /** Every entry, in central directory order, folders included. */
  public List<SafeZipEntry> entries() {
    return locations.values().stream().map(EntryLocation::entry).toList();
  }

  /**
   * A stream of {@code entry}'s uncompressed data that throws {@link HostileArchiveException} as
   * soon as the data breaks what the headers declare: more bytes than declared at once; fewer
   * bytes, bytes after the deflate stream or another CRC-32 when it reaches the end.
   *
   * @param entry one of {@link #entries()}
   */
  public InputStream newInputStream(SafeZipEntry entry) {
    EntryLocation location = locations.get(entry.name());
    if (location == null || !location.entry().equals(entry)) {
      throw new IllegalArgumentException(
          "'" + HostileArchiveException.printable(entry.name()) + "' is not an entry of " + this);
    }
    return new EntryInputStream(archive, location);
  }

  /**
   * {@code entry}'s uncompressed data, checked as {@link #newInputStream} checks it; for entries
   * small enough to hold in memory.
   */
  public byte[] readAllBytes(SafeZipEntry entry) throws IOException {
    try (InputStream in = newInputStream(entry)) {
      return in.readAllBytes();
    }
  }

  @Override
  public void close() throws IOException {
    archive.channel().close();
  }

  @Override
  public String toString() {
    return "SafeZipFile[" + archive.file() + "]";
  }
}
