package com.diffusionlab.reports.internal;

import static com.diffusionlab.reports.internal.ArchiveChannel.u16;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The ids of a header's extra fields, or that they do not parse. Two would change how an entry is
 * read, so {@link #check} refuses them: ZIP64 sizes, and the Info-ZIP Unicode path, a second name
 * that some tools use instead of the checked one.
 *
 * @param ids every field's id in order; empty if malformed
 * @param wellFormed whether the fields exactly fill the extra block, id, length and data each
 */
record ExtraFields(List<Integer> ids, boolean wellFormed) {
  private static final int ZIP64 = 0x0001;
  private static final int UNICODE_PATH = 0x7075;

  /** Parses the {@code length} extra bytes of {@code header} starting at {@code offset}. */
  static ExtraFields parse(ByteBuffer header, int offset, int length) {
    List<Integer> ids = new ArrayList<>();
    int at = offset;
    int end = offset + length;
    while (at < end) {
      if (end - at < 4 || end - at - 4 < u16(header, at + 2)) {
        return new ExtraFields(List.of(), false);
      }
      ids.add(u16(header, at));
      at += 4 + u16(header, at + 2);
    }
    return new ExtraFields(List.copyOf(ids), true);
  }

  /** Refuses entry {@code name} if these fields are malformed or change how it is read. */
  void check(String name) {
    if (!wellFormed) {
      throw HostileArchiveException.entry(
          name,
          "extra fields must be well-formed (a 2-byte id, a 2-byte length and that many bytes"
              + " each, filling the extra block)");
    }
    if (ids.contains(ZIP64)) {
      throw HostileArchiveException.entry(name, "ZIP64 entries are not supported");
    }
    if (ids.contains(UNICODE_PATH)) {
      throw HostileArchiveException.entry(
          name, "a second name in an Info-ZIP Unicode path field is not allowed");
    }
  }
}
