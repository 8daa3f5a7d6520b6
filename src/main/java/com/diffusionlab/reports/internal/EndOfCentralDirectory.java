package com.diffusionlab.reports.internal;

import static com.diffusionlab.reports.internal.ArchiveChannel.u16;
import static com.diffusionlab.reports.internal.ArchiveChannel.u32;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The end of central directory record: where the central directory lies and how many records it
 * holds. Only single-file archives without ZIP64 are accepted, and the record's comment must end
 * exactly at the end of the file, so there is one reading of where the archive ends.
 *
 * @param position offset of the record, which is also where the central directory must end
 */
record EndOfCentralDirectory(
    long position, int entryCount, long directoryOffset, long directorySize) {
  private static final int SIGNATURE = 0x06054b50;
  private static final int ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
  private static final int LOCAL_HEADER_SIGNATURE = 0x04034b50;
  private static final int LENGTH = 22;
  private static final int ZIP64_LOCATOR_LENGTH = 20;
  private static final int MAX_COMMENT = 0xFFFF;
  private static final String ZIP64 =
      "ZIP64 archives (over 65,535 entries or 4 GiB) are not supported";

  /** Finds and checks the record of {@code archive}. */
  static EndOfCentralDirectory find(ArchiveChannel archive) throws IOException {
    long size = archive.size();
    int tailLength = (int) Math.min(size, LENGTH + MAX_COMMENT);
    long tailStart = size - tailLength;
    ByteBuffer tail = archive.read(tailStart, tailLength);
    List<Integer> candidates = new ArrayList<>();
    List<Integer> exact = new ArrayList<>();
    for (int at = tailLength - LENGTH; at >= 0; at--) {
      if (tail.getInt(at) == SIGNATURE) {
        candidates.add(at);
        if (u16(tail, at + 20) == tailLength - at - LENGTH) {
          exact.add(at);
        }
      }
    }
    if (exact.size() > 1) {
      throw archive.malformed(
          "a ZIP file must have one end of central directory record whose comment reaches the end"
              + " of the file; this one has "
              + exact.size()
              + ", one hidden in another's comment");
    }
    if (exact.isEmpty()) {
      throw candidates.isEmpty()
          ? noRecord(archive)
          : misplacedComment(archive, tail, candidates.getFirst(), tailLength);
    }
    int at = exact.getFirst();
    return check(archive, tail, at, tailStart + at);
  }

  private static EndOfCentralDirectory check(
      ArchiveChannel archive, ByteBuffer tail, int at, long position) throws IOException {
    if (position >= ZIP64_LOCATOR_LENGTH
        && archive.read(position - ZIP64_LOCATOR_LENGTH, 4).getInt() == ZIP64_LOCATOR_SIGNATURE) {
      throw archive.malformed(ZIP64);
    }
    int disk = u16(tail, at + 4);
    int directoryDisk = u16(tail, at + 6);
    int entriesOnDisk = u16(tail, at + 8);
    int entries = u16(tail, at + 10);
    long directorySize = u32(tail, at + 12);
    long directoryOffset = u32(tail, at + 16);
    if (entries == 0xFFFF || directorySize == 0xFFFFFFFFL || directoryOffset == 0xFFFFFFFFL) {
      throw archive.malformed(ZIP64);
    }
    if (disk != 0 || directoryDisk != 0 || entriesOnDisk != entries) {
      throw archive.malformed("archives split over several files are not supported");
    }
    if (directoryOffset > position) {
      throw archive.malformed(
          "the central directory must lie inside the file; it is said to start at offset "
              + directoryOffset
              + ", past the end of central directory record at "
              + position);
    }
    if (directoryOffset + directorySize != position) {
      throw archive.malformed(
          "the central directory must end where the end of central directory record starts ("
              + position
              + "); it is said to span offsets "
              + directoryOffset
              + " to "
              + (directoryOffset + directorySize));
    }
    return new EndOfCentralDirectory(position, entries, directoryOffset, directorySize);
  }

  private static HostileArchiveException misplacedComment(
      ArchiveChannel archive, ByteBuffer tail, int at, int tailLength) {
    int comment = u16(tail, at + 20);
    int following = tailLength - at - LENGTH;
    return archive.malformed(
        comment > following
            ? "the end of central directory record declares a "
                + comment
                + "-byte comment, but only "
                + following
                + " bytes follow it: the file is truncated or the record is forged"
            : following
                + " bytes follow the end of central directory record, which declares a "
                + comment
                + "-byte comment: nothing may follow a ZIP file");
  }

  private static HostileArchiveException noRecord(ArchiveChannel archive) throws IOException {
    boolean startsLikeZip =
        archive.size() >= 4 && archive.read(0, 4).getInt() == LOCAL_HEADER_SIGNATURE;
    return archive.malformed(
        startsLikeZip
            ? "the ZIP file is truncated: it has no end of central directory record"
            : "not a ZIP file: it has no end of central directory record");
  }
}
