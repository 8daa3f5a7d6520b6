package com.diffusionlab.reports.internal;

import static com.diffusionlab.reports.internal.ArchiveChannel.u32;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Every rule that declared headers can break, checked before any entry is read: the end record,
 * each central record with its name and its local header, the sizes and ratios they declare, and a
 * layout in which entries follow each other from offset 0 to the central directory with nothing
 * hidden between or inside them.
 */
final class ArchiveHeaderCheck {
  private static final int STORED = 0;
  private static final int DEFLATED = 8;
  private static final int AES = 99;
  private static final int ENCRYPTION_FLAGS = 0x0001 | 0x0040 | 0x2000;
  private static final int DATA_DESCRIPTOR_FLAG = 0x0008;
  private static final long NOT_HERE = 0xFFFFFFFFL;

  /** Deflate options (bits 1, 2), data descriptor (3), UTF-8 names (11). */
  private static final int SUPPORTED_FLAGS = 0x0002 | 0x0004 | DATA_DESCRIPTOR_FLAG | 0x0800;

  private static final int DATA_DESCRIPTOR_SIGNATURE = 0x08074b50;
  private static final int FILE_TYPE_MASK = 0170000;
  private static final int REGULAR_FILE = 0100000;
  private static final int FOLDER = 0040000;
  private static final int SYMBOLIC_LINK = 0120000;

  /** The bytes one entry takes, local header to data descriptor. */
  private record Span(String name, long start, long end) {}

  private final ArchiveChannel archive;
  private final ZipLimits limits;
  private final EndOfCentralDirectory end;
  private final NameCollisions collisions = new NameCollisions();
  private final List<EntryLocation> entries = new ArrayList<>();
  private final List<Span> spans = new ArrayList<>();
  private long total;

  private ArchiveHeaderCheck(ArchiveChannel archive, ZipLimits limits, EndOfCentralDirectory end) {
    this.archive = archive;
    this.limits = limits;
    this.end = end;
  }

  /** Checks {@code archive} against every declared-header rule and {@code limits}. */
  static List<EntryLocation> run(ArchiveChannel archive, ZipLimits limits) throws IOException {
    EndOfCentralDirectory end = EndOfCentralDirectory.find(archive);
    if (end.entryCount() > limits.maxEntries()) {
      throw archive.malformed(
          "archives may hold at most "
              + limits.maxEntries()
              + " entries; this one declares "
              + end.entryCount());
    }
    ArchiveHeaderCheck check = new ArchiveHeaderCheck(archive, limits, end);
    CentralDirectoryRecord.forEach(archive, end, check::add);
    check.checkLayout();
    return List.copyOf(check.entries);
  }

  private void add(CentralDirectoryRecord record) throws IOException {
    String name = EntryNames.decode(record.rawName(), record.flags());
    EntryNames.check(name, limits);
    checkFileType(name, record.externalAttributes());
    checkDeclared(name, record);
    total += record.size();
    if (total > limits.maxTotalBytes()) {
      throw HostileArchiveException.entry(
          name,
          "the entries may declare at most "
              + limits.maxTotalBytes()
              + " uncompressed bytes in all; with this one they declare "
              + total);
    }
    collisions.add(name);
    long offset = localHeaderOffset(name, record);
    LocalHeader local = LocalHeader.read(archive, name, offset, end.directoryOffset());
    checkAgreement(name, record, local);
    long dataEnd = local.dataOffset() + record.compressedSize();
    if (dataEnd > end.directoryOffset()) {
      throw HostileArchiveException.entry(
          name,
          "its data must end before the central directory (offset "
              + end.directoryOffset()
              + "); it is said to run to offset "
              + dataEnd);
    }
    long descriptor = dataDescriptorLength(name, record, dataEnd);
    spans.add(new Span(name, offset, dataEnd + descriptor));
    SafeZipEntry.Method method =
        record.method() == STORED ? SafeZipEntry.Method.STORED : SafeZipEntry.Method.DEFLATED;
    entries.add(
        new EntryLocation(
            new SafeZipEntry(name, method, record.compressedSize(), record.size()),
            local.dataOffset(),
            record.crc()));
  }

  private static void checkFileType(String name, long externalAttributes) {
    int type = (int) (externalAttributes >>> 16) & FILE_TYPE_MASK;
    if (type == SYMBOLIC_LINK) {
      throw HostileArchiveException.entry(name, "symbolic links are not allowed");
    }
    if (type != 0 && type != REGULAR_FILE && type != FOLDER) {
      throw HostileArchiveException.entry(
          name,
          "only regular files and folders are allowed; its Unix file type is 0"
              + Integer.toOctalString(type));
    }
    if (type != 0 && (type == FOLDER) != name.endsWith("/")) {
      throw HostileArchiveException.entry(
          name, "its Unix file type must agree with its name, where a trailing '/' marks a folder");
    }
  }

  private void checkDeclared(String name, CentralDirectoryRecord record) {
    if (record.diskStart() != 0) {
      throw HostileArchiveException.entry(
          name, "archives split over several files are not supported");
    }
    if ((record.flags() & ENCRYPTION_FLAGS) != 0 || record.method() == AES) {
      throw HostileArchiveException.entry(name, "encrypted entries are not supported");
    }
    if ((record.flags() & ~SUPPORTED_FLAGS) != 0) {
      throw HostileArchiveException.entry(
          name,
          String.format(
              "general purpose flags 0x%04x are not supported (only bits 1, 2, 3 and 11)",
              record.flags() & ~SUPPORTED_FLAGS));
    }
    if (record.method() != STORED && record.method() != DEFLATED) {
      throw HostileArchiveException.entry(
          name,
          "compression method "
              + record.method()
              + " is not supported (only 0, STORED, and 8, DEFLATED)");
    }
    record.extraFields().check(name);
    if (record.size() == NOT_HERE || record.compressedSize() == NOT_HERE) {
      throw HostileArchiveException.entry(
          name, "entries of 4 GiB or more (sizes in a ZIP64 extra field) are not supported");
    }
    if (name.endsWith("/") && record.size() != 0) {
      throw HostileArchiveException.entry(
          name, "folders (names ending in '/') must be empty; it declares " + record.size());
    }
    if (record.method() == STORED && record.compressedSize() != record.size()) {
      throw HostileArchiveException.entry(
          name,
          "STORED entries must declare equal compressed and uncompressed sizes; it declares "
              + record.compressedSize()
              + " and "
              + record.size());
    }
    if (record.size() > limits.maxCompressionRatio() * record.compressedSize()) {
      throw HostileArchiveException.entry(
          name,
          "the compression ratio of an entry may be at most "
              + limits.maxCompressionRatio()
              + " to 1; it declares "
              + record.size()
              + " bytes from "
              + record.compressedSize());
    }
  }

  /**
   * Where the entry's local header is: in its central record, or, past 4 GiB, in its ZIP64 extra
   * field, which must then hold exactly that offset and otherwise must not be there at all.
   */
  private static long localHeaderOffset(String name, CentralDirectoryRecord record) {
    ByteBuffer zip64 = record.extraFields().zip64();
    if (record.localHeaderOffset() != NOT_HERE) {
      if (zip64 != null) {
        throw HostileArchiveException.entry(
            name,
            "a ZIP64 extra field may only hold figures its central record marks as held there"
                + " (0xFFFFFFFF); this record marks none");
      }
      return record.localHeaderOffset();
    }
    if (zip64 == null || zip64.remaining() != Long.BYTES || zip64.getLong(0) < 0) {
      throw HostileArchiveException.entry(
          name,
          "its central record marks the local header's offset as held in a ZIP64 extra field,"
              + " which must then hold exactly that 8-byte offset");
    }
    return zip64.getLong(0);
  }

  private static void checkAgreement(
      String name, CentralDirectoryRecord record, LocalHeader local) {
    if (!Arrays.equals(record.rawName(), local.rawName())) {
      throw HostileArchiveException.entry(
          name,
          "its local header must give the same name, but gives '"
              + HostileArchiveException.printable(
                  new String(local.rawName(), StandardCharsets.UTF_8))
              + "'");
    }
    if (local.flags() != record.flags() || local.method() != record.method()) {
      throw HostileArchiveException.entry(
          name,
          String.format(
              "its local header must declare the same flags and method as its central record;"
                  + " it declares flags 0x%04x and method %d, the central record 0x%04x and %d",
              local.flags(), local.method(), record.flags(), record.method()));
    }
    local.extraFields().check(name);
    if (local.extraFields().zip64() != null) {
      throw HostileArchiveException.entry(
          name,
          "its local header carries a ZIP64 extra field, which only entries of 4 GiB or more need;"
              + " those are not supported");
    }
    boolean deferred = (record.flags() & DATA_DESCRIPTOR_FLAG) != 0;
    if (!agrees(local.crc(), record.crc(), deferred)
        || !agrees(local.compressedSize(), record.compressedSize(), deferred)
        || !agrees(local.size(), record.size(), deferred)) {
      throw HostileArchiveException.entry(
          name,
          String.format(
              "its local header must declare the same CRC-32 and sizes as its central record (or"
                  + " zeros, with a data descriptor); it declares %08x, %d and %d, the central"
                  + " record %08x, %d and %d",
              local.crc(),
              local.compressedSize(),
              local.size(),
              record.crc(),
              record.compressedSize(),
              record.size()));
    }
  }

  /** With a data descriptor the local value may be left zero; otherwise it must match. */
  private static boolean agrees(long local, long central, boolean deferred) {
    return local == central || (deferred && local == 0);
  }

  /**
   * The length of the data descriptor after the data: 16 bytes with its optional signature, 12
   * without, 0 if the flags announce none. Its values must be the central record's.
   */
  private long dataDescriptorLength(String name, CentralDirectoryRecord record, long at)
      throws IOException {
    if ((record.flags() & DATA_DESCRIPTOR_FLAG) == 0) {
      return 0;
    }
    long limit = end.directoryOffset();
    if (limit - at >= 16) {
      ByteBuffer signed = archive.read(at, 16);
      if (signed.getInt(0) == DATA_DESCRIPTOR_SIGNATURE && describes(signed, 4, record)) {
        return 16;
      }
    }
    if (limit - at >= 12 && describes(archive.read(at, 12), 0, record)) {
      return 12;
    }
    throw HostileArchiveException.entry(
        name,
        "its data descriptor must follow its data and declare the CRC-32 and sizes of its central"
            + " record");
  }

  private static boolean describes(ByteBuffer descriptor, int at, CentralDirectoryRecord record) {
    return u32(descriptor, at) == record.crc()
        && u32(descriptor, at + 4) == record.compressedSize()
        && u32(descriptor, at + 8) == record.size();
  }

  private void checkLayout() {
    List<Span> byOffset = spans.stream().sorted(Comparator.comparingLong(Span::start)).toList();
    long covered = 0;
    String previous = null;
    for (Span span : byOffset) {
      if (span.start() < covered) {
        throw HostileArchiveException.entry(
            span.name(),
            "entries must not overlap; its local header at offset "
                + span.start()
                + " lies inside entry '"
                + HostileArchiveException.printable(previous)
                + "'");
      }
      if (span.start() > covered) {
        throw unaccounted(covered, span.start());
      }
      covered = span.end();
      previous = span.name();
    }
    if (covered < end.directoryOffset()) {
      throw unaccounted(covered, end.directoryOffset());
    }
  }

  private HostileArchiveException unaccounted(long from, long to) {
    return archive.malformed(
        "every byte before the central directory must belong to an entry; the "
            + (to - from)
            + " bytes at offset "
            + from
            + " do not");
  }
}
