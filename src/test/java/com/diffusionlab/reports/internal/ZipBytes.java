package com.diffusionlab.reports.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Builds ZIP files byte by byte, independently of {@link SafeZipFile}, with every field open to
 * override: it writes what {@link java.util.zip.ZipOutputStream} refuses to, such as duplicate
 * names, symbolic links, lying sizes, local headers that disagree and broken end records.
 */
final class ZipBytes {
  private static final int UTF8_FLAG = 0x0800;
  private static final int DATA_DESCRIPTOR_FLAG = 0x0008;
  private static final int UNIX_VERSION_20 = 3 << 8 | 20;

  private final List<Entry> entries = new ArrayList<>();
  private byte[] prefix = new byte[0];
  private byte[] comment = new byte[0];
  private byte[] trailer = new byte[0];
  private Integer commentLength;
  private Integer declaredCount;
  private Long directoryOffset;
  private Long directorySize;
  private int disk;
  private boolean zip64;
  private Long zip64Count;
  private byte[] zip64Extensible = new byte[0];
  private Long zip64LocatorOffset;
  private int zip64Disks = 1;

  static ZipBytes archive(Entry... entries) {
    ZipBytes zip = new ZipBytes();
    zip.entries.addAll(List.of(entries));
    return zip;
  }

  /** Bytes before the first local header. */
  ZipBytes prefix(byte[] bytes) {
    prefix = bytes;
    return this;
  }

  ZipBytes comment(byte[] bytes) {
    comment = bytes;
    return this;
  }

  /** Declares a comment length other than the comment's. */
  ZipBytes commentLength(int length) {
    commentLength = length;
    return this;
  }

  /** Bytes after the end record and its comment. */
  ZipBytes trailer(byte[] bytes) {
    trailer = bytes;
    return this;
  }

  ZipBytes declaredCount(int count) {
    declaredCount = count;
    return this;
  }

  ZipBytes directoryOffset(long offset) {
    directoryOffset = offset;
    return this;
  }

  ZipBytes directorySize(long size) {
    directorySize = size;
    return this;
  }

  ZipBytes disk(int number) {
    disk = number;
    return this;
  }

  /**
   * Ends the archive as a writer does past 65,535 entries or 4 GiB: a ZIP64 end record and its
   * locator, with the classic record's figures marked as held there.
   */
  ZipBytes zip64() {
    zip64 = true;
    return this;
  }

  /** Declares another number of entries in the ZIP64 end record. */
  ZipBytes zip64Count(long count) {
    zip64Count = count;
    return this;
  }

  /** Version 2 "extensible data" after the ZIP64 end record's fixed fields. */
  ZipBytes zip64Extensible(byte[] bytes) {
    zip64Extensible = bytes;
    return this;
  }

  /** Points the locator somewhere else. */
  ZipBytes zip64LocatorOffset(long offset) {
    zip64LocatorOffset = offset;
    return this;
  }

  ZipBytes zip64Disks(int count) {
    zip64Disks = count;
    return this;
  }

  byte[] bytes() {
    Output out = new Output();
    out.bytes(prefix);
    List<Long> offsets = new ArrayList<>();
    for (Entry entry : entries) {
      long offset = out.size();
      if (entry.writeLocal) {
        out.bytes(entry.localRecord());
      }
      offsets.add(entry.localHeaderOffset == null ? offset : entry.localHeaderOffset);
    }
    long directoryStart = out.size();
    for (int i = 0; i < entries.size(); i++) {
      out.bytes(entries.get(i).centralRecord(offsets.get(i)));
    }
    long directoryEnd = out.size();
    long directoryLength = directorySize == null ? directoryEnd - directoryStart : directorySize;
    long directoryAt = directoryOffset == null ? directoryStart : directoryOffset;
    int count = declaredCount == null ? entries.size() : declaredCount;
    if (zip64) {
      long zip64At = out.size();
      long zip64Entries = zip64Count == null ? entries.size() : zip64Count;
      out.u32(0x06064b50)
          .u64(44 + zip64Extensible.length)
          .u16(UNIX_VERSION_20 + 25)
          .u16(45)
          .u32(disk)
          .u32(disk)
          .u64(zip64Entries)
          .u64(zip64Entries)
          .u64(directoryLength)
          .u64(directoryAt)
          .bytes(zip64Extensible)
          .u32(0x07064b50)
          .u32(0)
          .u64(zip64LocatorOffset == null ? zip64At : zip64LocatorOffset)
          .u32(zip64Disks);
      count = declaredCount == null ? 0xFFFF : declaredCount;
      directoryLength = 0xFFFFFFFFL;
      directoryAt = 0xFFFFFFFFL;
    }
    out.u32(0x06054b50)
        .u16(disk)
        .u16(disk)
        .u16(count)
        .u16(count)
        .u32(directoryLength)
        .u32(directoryAt)
        .u16(commentLength == null ? comment.length : commentLength)
        .bytes(comment)
        .bytes(trailer);
    return out.toByteArray();
  }

  /** Raw deflate data, as a ZIP entry holds it. */
  static byte[] deflate(byte[] content) {
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
    try {
      deflater.setInput(content);
      deflater.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      while (!deflater.finished()) {
        out.write(buffer, 0, deflater.deflate(buffer));
      }
      return out.toByteArray();
    } finally {
      deflater.end();
    }
  }

  static long crc(byte[] content) {
    CRC32 crc = new CRC32();
    crc.update(content);
    return crc.getValue();
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** One entry; central and local fields start equal and can be set apart. */
  static final class Entry {
    private byte[] name;
    private byte[] localName;
    private int flags = UTF8_FLAG;
    private Integer localFlags;
    private int method;
    private Integer localMethod;
    private byte[] data;
    private long crc;
    private long compressedSize;
    private long size;
    private Long localCrc;
    private Long localCompressedSize;
    private Long localSize;
    private long externalAttributes;
    private byte[] extra = new byte[0];
    private byte[] centralExtra = new byte[0];
    private byte[] localExtra;
    private boolean offsetInZip64;
    private int diskStart;
    private Long localHeaderOffset;
    private boolean writeLocal = true;
    private byte[] dataDescriptor = new byte[0];

    private Entry(String name, int method, byte[] data, byte[] content) {
      this.name = utf8(name);
      this.method = method;
      this.data = data;
      this.crc = ZipBytes.crc(content);
      this.compressedSize = data.length;
      this.size = content.length;
    }

    static Entry stored(String name, byte[] content) {
      return new Entry(name, 0, content, content);
    }

    static Entry stored(String name, String content) {
      return stored(name, utf8(content));
    }

    static Entry deflated(String name, byte[] content) {
      return new Entry(name, 8, deflate(content), content);
    }

    Entry name(byte[] raw) {
      name = raw;
      return this;
    }

    Entry localName(String text) {
      localName = utf8(text);
      return this;
    }

    /** General purpose flags, central and local. */
    Entry flags(int value) {
      flags = value;
      return this;
    }

    Entry localFlags(int value) {
      localFlags = value;
      return this;
    }

    /** Compression method, central and local. */
    Entry method(int value) {
      method = value;
      return this;
    }

    Entry localMethod(int value) {
      localMethod = value;
      return this;
    }

    /** The bytes stored as the entry's data, whatever the declared sizes say. */
    Entry data(byte[] bytes) {
      data = bytes;
      return this;
    }

    /** CRC-32, central and local. */
    Entry crc(long value) {
      crc = value;
      return this;
    }

    /** Compressed size, central and local. */
    Entry compressedSize(long value) {
      compressedSize = value;
      return this;
    }

    /** Uncompressed size, central and local. */
    Entry size(long value) {
      size = value;
      return this;
    }

    Entry localSize(long value) {
      localSize = value;
      return this;
    }

    /** Unix mode in the upper 16 bits, as Info-ZIP stores it. */
    Entry unixMode(int mode) {
      externalAttributes = (long) mode << 16;
      return this;
    }

    /** Extra block, central and local. */
    Entry extra(byte[] bytes) {
      extra = bytes;
      return this;
    }

    /**
     * Writes the local header's offset in a ZIP64 extra field of the central record, marked
     * 0xFFFFFFFF in the record itself, as writers do past 4 GiB.
     */
    Entry offsetInZip64() {
      offsetInZip64 = true;
      return this;
    }

    /** Extra fields in the central record only, after {@link #extra}. */
    Entry centralExtra(byte[] bytes) {
      centralExtra = bytes;
      return this;
    }

    /** Extra fields in the local header instead of {@link #extra}. */
    Entry localExtra(byte[] bytes) {
      localExtra = bytes;
      return this;
    }

    Entry diskStart(int number) {
      diskStart = number;
      return this;
    }

    /** Points the central record at {@code offset} instead of where the local header is. */
    Entry localHeaderOffset(long offset) {
      localHeaderOffset = offset;
      return this;
    }

    /** Writes only the central record (point it somewhere with {@link #localHeaderOffset}). */
    Entry withoutLocalHeader() {
      writeLocal = false;
      return this;
    }

    /**
     * Moves CRC and sizes to a data descriptor after the data, zero in the local header, as
     * ZipOutputStream writes deflated entries.
     */
    Entry dataDescriptor(boolean signature) {
      flags |= DATA_DESCRIPTOR_FLAG;
      localCrc = 0L;
      localCompressedSize = 0L;
      localSize = 0L;
      Output descriptor = new Output();
      if (signature) {
        descriptor.u32(0x08074b50);
      }
      dataDescriptor = descriptor.u32(crc).u32(compressedSize).u32(size).toByteArray();
      return this;
    }

    /** The local header, data and data descriptor. */
    byte[] localRecord() {
      byte[] nameInLocal = localName == null ? name : localName;
      byte[] extraInLocal = localExtra == null ? extra : localExtra;
      return new Output()
          .u32(0x04034b50)
          .u16(20)
          .u16(localFlags == null ? flags : localFlags)
          .u16(localMethod == null ? method : localMethod)
          .u16(0)
          .u16(0x21)
          .u32(localCrc == null ? crc : localCrc)
          .u32(localCompressedSize == null ? compressedSize : localCompressedSize)
          .u32(localSize == null ? size : localSize)
          .u16(nameInLocal.length)
          .u16(extraInLocal.length)
          .bytes(nameInLocal)
          .bytes(extraInLocal)
          .bytes(data)
          .bytes(dataDescriptor)
          .toByteArray();
    }

    private byte[] centralRecord(long offset) {
      Output extras = new Output().bytes(extra);
      if (offsetInZip64) {
        extras.u16(1).u16(8).u64(offset);
      }
      byte[] extraBlock = extras.bytes(centralExtra).toByteArray();
      return new Output()
          .u32(0x02014b50)
          .u16(UNIX_VERSION_20)
          .u16(20)
          .u16(flags)
          .u16(method)
          .u16(0)
          .u16(0x21)
          .u32(crc)
          .u32(compressedSize)
          .u32(size)
          .u16(name.length)
          .u16(extraBlock.length)
          .u16(0)
          .u16(diskStart)
          .u16(0)
          .u32(externalAttributes)
          .u32(offsetInZip64 ? 0xFFFFFFFFL : offset)
          .bytes(name)
          .bytes(extraBlock)
          .toByteArray();
    }
  }

  /** Little-endian fields, truncated to their width as a writer would. */
  private static final class Output {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Output u16(int value) {
      out.writeBytes(
          ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) value).array());
      return this;
    }

    Output u32(long value) {
      out.writeBytes(
          ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) value).array());
      return this;
    }

    Output u64(long value) {
      out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array());
      return this;
    }

    Output bytes(byte[] bytes) {
      out.writeBytes(bytes);
      return this;
    }

    long size() {
      return out.size();
    }

    byte[] toByteArray() {
      return out.toByteArray();
    }
  }
}
