package com.diffusionlab.reports.internal;

import static com.diffusionlab.reports.internal.ArchiveChannel.u16;
import static com.diffusionlab.reports.internal.ArchiveChannel.u32;
import static com.diffusionlab.reports.internal.ArchiveChannel.u64;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The end of central directory record: where the central directory lies and how many records it
 * holds. The record's comment must end exactly at the end of the file, so there is one reading of
 * where the archive ends. An archive of more than 65,535 entries or 4 GiB carries the figures that
 * do not fit in a ZIP64 end record and its locator just before it; the two records must then agree
 * on every figure both hold, and nothing may lie between the central directory, the ZIP64 record,
 * the locator and the end record. Single-file archives only.
 *
 * @param directoryEnd where the central directory must end: the ZIP64 end record, or this record
 */
record EndOfCentralDirectory(
    long directoryEnd, long entryCount, long directoryOffset, long directorySize) {
  private static final int SIGNATURE = 0x06054b50;
  private static final int ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
  private static final int ZIP64_SIGNATURE = 0x06064b50;
  private static final int LOCAL_HEADER_SIGNATURE = 0x04034b50;
  private static final int LENGTH = 22;
  private static final int ZIP64_LOCATOR_LENGTH = 20;
  private static final int ZIP64_LENGTH = 56;
  private static final int MAX_COMMENT = 0xFFFF;
  private static final int NOT_HERE_16 = 0xFFFF;
  private static final long NOT_HERE_32 = 0xFFFFFFFFL;

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
    Figures classic =
        new Figures(
            u16(tail, at + 4),
            u16(tail, at + 6),
            u16(tail, at + 8),
            u16(tail, at + 10),
            u32(tail, at + 12),
            u32(tail, at + 16));
    boolean zip64 =
        position >= ZIP64_LOCATOR_LENGTH
            && archive.read(position - ZIP64_LOCATOR_LENGTH, 4).getInt() == ZIP64_LOCATOR_SIGNATURE;
    if (!zip64 && classic.marksZip64()) {
      throw archive.malformed(
          "the end of central directory record marks its figures as held in a ZIP64 end record"
              + " (0xFFFF or 0xFFFFFFFF), but no ZIP64 end record locator precedes it");
    }
    Figures figures = zip64 ? zip64(archive, position, classic) : classic;
    long directoryEnd = zip64 ? figures.recordOffset() : position;
    if (figures.disk() != 0
        || figures.directoryDisk() != 0
        || figures.entriesOnDisk() != figures.entries()) {
      throw archive.malformed("archives split over several files are not supported");
    }
    if (figures.directoryOffset() > directoryEnd) {
      throw archive.malformed(
          "the central directory must lie inside the file; it is said to start at offset "
              + figures.directoryOffset()
              + ", past the end of central directory record at "
              + directoryEnd);
    }
    if (figures.directoryOffset() + figures.directorySize() != directoryEnd) {
      throw archive.malformed(
          "the central directory must end where the end of central directory record (or the ZIP64"
              + " one) starts ("
              + directoryEnd
              + "); it is said to span offsets "
              + figures.directoryOffset()
              + " to "
              + (figures.directoryOffset() + figures.directorySize()));
    }
    return new EndOfCentralDirectory(
        directoryEnd, figures.entries(), figures.directoryOffset(), figures.directorySize());
  }

  /**
   * The figures of the ZIP64 end record that the locator before {@code position} points at; every
   * figure of the classic record must be the same or marked as held there.
   */
  private static Figures zip64(ArchiveChannel archive, long position, Figures classic)
      throws IOException {
    long locatorAt = position - ZIP64_LOCATOR_LENGTH;
    ByteBuffer locator = archive.read(locatorAt, ZIP64_LOCATOR_LENGTH);
    long recordDisk = u32(locator, 4);
    long recordOffset = u64(locator, 8);
    long disks = u32(locator, 16);
    if (recordDisk != 0 || disks != 1) {
      throw archive.malformed("archives split over several files are not supported");
    }
    if (recordOffset < 0 || recordOffset > locatorAt - ZIP64_LENGTH) {
      throw archive.malformed(
          "the ZIP64 end record must lie, whole, before its locator at offset "
              + locatorAt
              + "; the locator points at offset "
              + recordOffset);
    }
    ByteBuffer record = archive.read(recordOffset, ZIP64_LENGTH);
    if (record.getInt(0) != ZIP64_SIGNATURE) {
      throw archive.malformed(
          "the ZIP64 end record locator points at offset "
              + recordOffset
              + ", where no ZIP64 end record is");
    }
    long declaredLength = u64(record, 4) + 12;
    if (declaredLength != ZIP64_LENGTH || locatorAt - recordOffset != ZIP64_LENGTH) {
      throw archive.malformed(
          "the ZIP64 end record must be 56 bytes, without extensible data, right before its"
              + " locator; it declares "
              + declaredLength
              + " bytes and "
              + (locatorAt - recordOffset)
              + " lie between its start and the locator");
    }
    Figures zip64 =
        new Figures(
            u32(record, 16),
            u32(record, 20),
            u64(record, 24),
            u64(record, 32),
            u64(record, 40),
            u64(record, 48),
            recordOffset);
    if (zip64.entries() < 0 || zip64.directorySize() < 0 || zip64.directoryOffset() < 0) {
      throw archive.malformed("the ZIP64 end record declares figures past 2^63");
    }
    agree(archive, "the disk number", classic.disk(), NOT_HERE_16, zip64.disk());
    agree(
        archive,
        "the central directory's disk",
        classic.directoryDisk(),
        NOT_HERE_16,
        zip64.directoryDisk());
    agree(
        archive,
        "the entries on this disk",
        classic.entriesOnDisk(),
        NOT_HERE_16,
        zip64.entriesOnDisk());
    agree(archive, "the number of entries", classic.entries(), NOT_HERE_16, zip64.entries());
    agree(
        archive,
        "the central directory's size",
        classic.directorySize(),
        NOT_HERE_32,
        zip64.directorySize());
    agree(
        archive,
        "the central directory's offset",
        classic.directoryOffset(),
        NOT_HERE_32,
        zip64.directoryOffset());
    return zip64;
  }

  private static void agree(
      ArchiveChannel archive, String figure, long classic, long marker, long zip64) {
    if (classic != marker && classic != zip64) {
      throw archive.malformed(
          "the end of central directory record and the ZIP64 end record must agree on "
              + figure
              + "; they declare "
              + classic
              + " and "
              + zip64);
    }
  }

  /** What an end record declares; {@code recordOffset} is where a ZIP64 record starts. */
  private record Figures(
      long disk,
      long directoryDisk,
      long entriesOnDisk,
      long entries,
      long directorySize,
      long directoryOffset,
      long recordOffset) {

    Figures(
        long disk,
        long directoryDisk,
        long entriesOnDisk,
        long entries,
        long directorySize,
        long directoryOffset) {
      this(disk, directoryDisk, entriesOnDisk, entries, directorySize, directoryOffset, -1);
    }

    /** Whether a classic record says its figures are in a ZIP64 record. */
    boolean marksZip64() {
      return disk == NOT_HERE_16
          || directoryDisk == NOT_HERE_16
          || entriesOnDisk == NOT_HERE_16
          || entries == NOT_HERE_16
          || directorySize == NOT_HERE_32
          || directoryOffset == NOT_HERE_32;
    }
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
