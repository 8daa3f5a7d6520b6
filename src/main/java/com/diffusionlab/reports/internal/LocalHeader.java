package com.diffusionlab.reports.internal;

import static com.diffusionlab.reports.internal.ArchiveChannel.u16;
import static com.diffusionlab.reports.internal.ArchiveChannel.u32;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A local file header as declared. Tools that stream an archive read these instead of the central
 * directory, so each must agree with its central record.
 *
 * @param dataOffset where the entry's compressed data starts
 */
record LocalHeader(
    int flags,
    int method,
    long crc,
    long compressedSize,
    long size,
    byte[] rawName,
    ExtraFields extraFields,
    long dataOffset) {
  private static final int SIGNATURE = 0x04034b50;
  private static final int FIXED_LENGTH = 30;

  /**
   * Reads the header of entry {@code name} at {@code offset}; it must lie, whole, before {@code
   * limit} (the start of the central directory).
   */
  static LocalHeader read(ArchiveChannel archive, String name, long offset, long limit)
      throws IOException {
    if (limit - offset < FIXED_LENGTH) {
      throw outside(name, offset, limit);
    }
    ByteBuffer fixed = archive.read(offset, FIXED_LENGTH);
    if (fixed.getInt(0) != SIGNATURE) {
      throw HostileArchiveException.entry(
          name, "its central record points at offset " + offset + ", where no local header is");
    }
    int nameLength = u16(fixed, 26);
    int extraLength = u16(fixed, 28);
    long dataOffset = offset + FIXED_LENGTH + nameLength + extraLength;
    if (dataOffset > limit) {
      throw outside(name, offset, limit);
    }
    ByteBuffer variable = archive.read(offset + FIXED_LENGTH, nameLength + extraLength);
    byte[] localName = new byte[nameLength];
    variable.get(0, localName);
    return new LocalHeader(
        u16(fixed, 6),
        u16(fixed, 8),
        u32(fixed, 14),
        u32(fixed, 18),
        u32(fixed, 22),
        localName,
        ExtraFields.parse(variable, nameLength, extraLength),
        dataOffset);
  }

  private static HostileArchiveException outside(String name, long offset, long limit) {
    return HostileArchiveException.entry(
        name,
        "its local header must lie before the central directory (offset "
            + limit
            + "); it is said to start at offset "
            + offset);
  }
}
