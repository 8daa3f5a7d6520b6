package com.diffusionlab.reports.internal;

import static com.diffusionlab.reports.internal.ArchiveChannel.u16;
import static com.diffusionlab.reports.internal.ArchiveChannel.u32;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * One central directory file header, as declared; nothing in it is checked but its structure.
 *
 * @param rawName the name's bytes, decoded only by {@link EntryNames#decode}
 * @param externalAttributes host-specific; Info-ZIP keeps the Unix mode in the upper 16 bits
 */
record CentralDirectoryRecord(
    int flags,
    int method,
    long crc,
    long compressedSize,
    long size,
    byte[] rawName,
    ExtraFields extraFields,
    int diskStart,
    long externalAttributes,
    long localHeaderOffset) {
  private static final int SIGNATURE = 0x02014b50;
  private static final int FIXED_LENGTH = 46;

  /** Receives each record as it is read. */
  interface Visitor {
    void visit(CentralDirectoryRecord record) throws IOException;
  }

  /**
   * Reads exactly the records the end record declares, handing each to {@code visitor} before the
   * next is read, so that memory holds only records that passed its checks. The records must fill
   * the central directory: none may run past its end, and no bytes may be left after the last.
   */
  static void forEach(ArchiveChannel archive, EndOfCentralDirectory end, Visitor visitor)
      throws IOException {
    long at = end.directoryOffset();
    long directoryEnd = end.directoryEnd();
    for (long i = 0; i < end.entryCount(); i++) {
      if (directoryEnd - at < FIXED_LENGTH) {
        throw shortDirectory(archive, end, i);
      }
      ByteBuffer fixed = archive.read(at, FIXED_LENGTH);
      if (fixed.getInt(0) != SIGNATURE) {
        throw archive.malformed(
            "central directory record " + (i + 1) + " (offset " + at + ") has no valid signature");
      }
      int nameLength = u16(fixed, 28);
      int extraLength = u16(fixed, 30);
      int commentLength = u16(fixed, 32);
      long recordLength = (long) FIXED_LENGTH + nameLength + extraLength + commentLength;
      if (directoryEnd - at < recordLength) {
        throw shortDirectory(archive, end, i);
      }
      ByteBuffer variable = archive.read(at + FIXED_LENGTH, nameLength + extraLength);
      byte[] name = new byte[nameLength];
      variable.get(0, name);
      visitor.visit(
          new CentralDirectoryRecord(
              u16(fixed, 8),
              u16(fixed, 10),
              u32(fixed, 16),
              u32(fixed, 20),
              u32(fixed, 24),
              name,
              ExtraFields.parse(variable, nameLength, extraLength),
              u16(fixed, 34),
              u32(fixed, 38),
              u32(fixed, 42)));
      at += recordLength;
    }
    if (at != directoryEnd) {
      throw archive.malformed(
          "the central directory must hold exactly the "
              + end.entryCount()
              + " records its end record declares; "
              + (directoryEnd - at)
              + " more bytes follow the last of them");
    }
  }

  private static HostileArchiveException shortDirectory(
      ArchiveChannel archive, EndOfCentralDirectory end, long complete) {
    return archive.malformed(
        "the central directory must hold the "
            + end.entryCount()
            + " records its end record declares; it ends after "
            + complete);
  }
}
