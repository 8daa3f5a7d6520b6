package com.diffusionlab.reports.internal;

import static com.diffusionlab.reports.internal.ArchiveChannel.u16;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The extra fields of a header: their ids, whether they parse, and the ZIP64 field's data. Two
 * kinds change how an entry is read: the ZIP64 field, which {@link ArchiveHeaderCheck} reads where
 * the header points to it and refuses elsewhere, and the Info-ZIP Unicode path, a second name that
 * some tools use instead of the checked one, which {@link #check} refuses.
 *
 * @param ids every field's id in order; empty if malformed
 * @param wellFormed whether the fields exactly fill the extra block, id, length and data each
 * @param zip64 the ZIP64 field's data (little-endian), or null if there is none
 */
record ExtraFields(List<Integer> ids, boolean wellFormed, ByteBuffer zip64) {
  private static final int ZIP64 = 0x0001;
  private static final int UNICODE_PATH = 0x7075;

  /** Parses the {@code length} extra bytes of {@code header} starting at {@code offset}. */
  static ExtraFields parse(ByteBuffer header, int offset, int length) {
    List<Integer> ids = new ArrayList<>();
    ByteBuffer zip64 = null;
    int at = offset;
    int end = offset + length;
    while (at < end) {
      if (end - at < 4 || end - at - 4 < u16(header, at + 2)) {
        return new ExtraFields(List.of(), false, null);
      }
      int id = u16(header, at);
      int dataLength = u16(header, at + 2);
      ids.add(id);
      if (id == ZIP64) {
        zip64 = header.slice(at + 4, dataLength).order(header.order());
      }
      at += 4 + dataLength;
    }
    return new ExtraFields(List.copyOf(ids), true, zip64);
  }

  /** Refuses entry {@code name} if these fields are malformed or could be read two ways. */
  void check(String name) {
    if (!wellFormed) {
      throw HostileArchiveException.entry(
          name,
          "extra fields must be well-formed (a 2-byte id, a 2-byte length and that many bytes"
              + " each, filling the extra block)");
    }
    if (Collections.frequency(ids, ZIP64) > 1) {
      throw HostileArchiveException.entry(name, "a header may carry one ZIP64 extra field");
    }
    if (ids.contains(UNICODE_PATH)) {
      throw HostileArchiveException.entry(
          name, "a second name in an Info-ZIP Unicode path field is not allowed");
    }
  }
}
