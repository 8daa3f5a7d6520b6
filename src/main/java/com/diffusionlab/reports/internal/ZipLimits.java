package com.diffusionlab.reports.internal;

/**
 * What one archive may declare and inflate to, checked by {@link SafeZipFile}.
 *
 * @param maxEntries entries in the central directory (past 65,535 the count is in a ZIP64 record)
 * @param maxTotalBytes uncompressed bytes of all entries together
 * @param maxCompressionRatio uncompressed over compressed size of any one entry
 * @param maxNameBytes an entry name's length in UTF-8 bytes
 * @param maxSegmentBytes the length in UTF-8 bytes of each part of a name between '/': the limit of
 *     common file systems (ext4, XFS, APFS, NTFS)
 */
public record ZipLimits(
    int maxEntries,
    long maxTotalBytes,
    int maxCompressionRatio,
    int maxNameBytes,
    int maxSegmentBytes) {

  /**
   * Limits for experiment bundles: 100,000 entries, 2 GiB uncompressed, a ratio of 100 (PNGs hardly
   * compress; a run of zeros deflates about 1000 to 1), names of 1024 bytes with parts of 255.
   */
  public static ZipLimits standard() {
    return new ZipLimits(100_000, 2L << 30, 100, 1024, 255);
  }

  public ZipLimits {
    if (maxEntries < 1
        || maxTotalBytes < 1
        || maxCompressionRatio < 1
        || maxNameBytes < 1
        || maxSegmentBytes < 1) {
      throw new IllegalArgumentException(
          "every ZIP limit must be at least 1, got entries "
              + maxEntries
              + ", total bytes "
              + maxTotalBytes
              + ", ratio "
              + maxCompressionRatio
              + ", name bytes "
              + maxNameBytes
              + ", segment bytes "
              + maxSegmentBytes);
    }
  }
}
