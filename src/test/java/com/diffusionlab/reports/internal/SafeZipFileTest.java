package com.diffusionlab.reports.internal;

import static com.diffusionlab.reports.internal.ZipBytes.archive;
import static com.diffusionlab.reports.internal.ZipBytes.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import com.diffusionlab.reports.internal.SafeZipEntry.Method;
import com.diffusionlab.reports.internal.ZipBytes.Entry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile archives are refused with the entry and the rule, by their headers when opened or by
 * their data while read; well-formed bundles are read back exactly.
 */
class SafeZipFileTest {
  private static final ZipLimits STANDARD = ZipLimits.standard();

  /** Three entries, 1000 bytes in all. */
  private static final ZipLimits SMALL = new ZipLimits(3, 1000, 100, 1024, 255);

  private static final String OUTSIDE = "is not allowed: names must stay inside the bundle";

  @TempDir Path dir;

  static Stream<Arguments> hostileNames() {
    return Stream.of(
        name("../x", "archive entry='../x' " + OUTSIDE),
        name("a/../../x", "archive entry='a/../../x' " + OUTSIDE),
        name("a/..", OUTSIDE),
        name("/etc/passwd", "archive entry='/etc/passwd' " + OUTSIDE),
        name("C:x", OUTSIDE),
        name("C:\\x", OUTSIDE),
        name("a\\b", OUTSIDE),
        name("a//b", "names must not contain empty parts"),
        name("a//", "names must not contain empty parts"),
        name("./a", "names must not contain '.' parts"),
        name("a/./b", "names must not contain '.' parts"),
        name("", "archive entry='' is not allowed: names must not be empty"),
        name("a\0b", "archive entry='a\\u0000b' is not allowed: names must not contain control"),
        name("log\nINFO forged", "'log\\u000AINFO forged'"),
        name("evil\u202Egnp.exe", "'evil\\u202Egnp.exe' is not allowed: names must not contain"),
        name("a\u00A0b", "invisible formatting characters"),
        name("a".repeat(256), "each part of a name between '/' must be at most 255 bytes"),
        name("é".repeat(128), "each part of a name between '/' must be at most 255 bytes"),
        name("abcd/".repeat(205), "names must be at most 1024 bytes long"),
        name("a:b", OUTSIDE),
        name("image.png:hidden", "the characters Windows reserves"),
        name("what?.png", "the characters Windows reserves"),
        name("run.", "must not end in '.' or a space"),
        name("run /x", "must not end in '.' or a space"),
        name("CON.txt", "Windows device names"),
        name("images/nul", "Windows device names"),
        hostile(
            "name not valid UTF-8",
            archive(Entry.stored("x", "hi").name(new byte[] {'a', (byte) 0xC3, '('})).bytes(),
            "names must be valid UTF-8"),
        hostile(
            "non-ASCII name without the UTF-8 flag",
            archive(Entry.stored("é.png", "hi").flags(0)).bytes(),
            "must be flagged as UTF-8"));
  }

  static Stream<Arguments> hostileEntries() {
    byte[] zeros = new byte[1 << 20];
    return Stream.of(
        hostile(
            "symbolic link",
            archive(Entry.stored("link.png", "/etc/passwd").unixMode(0120777)).bytes(),
            "archive entry='link.png' is not allowed: symbolic links are not allowed"),
        hostile(
            "named pipe",
            archive(Entry.stored("pipe", "").unixMode(0010644)).bytes(),
            "only regular files and folders are allowed; its Unix file type is 010000"),
        hostile(
            "folder mode on a file name",
            archive(Entry.stored("a.png", "").unixMode(040755)).bytes(),
            "its Unix file type must agree with its name"),
        hostile(
            "duplicate names",
            archive(Entry.stored("a.png", "1"), Entry.stored("a.png", "2")).bytes(),
            "archive entry='a.png' is not allowed: names must be unique; it appears twice"),
        hostile(
            "duplicate folders",
            archive(Entry.stored("a/", ""), Entry.stored("a/", "")).bytes(),
            "it appears twice"),
        hostile(
            "names equal but for case",
            archive(Entry.stored("Image.png", "1"), Entry.stored("image.PNG", "2")).bytes(),
            "archive entry='image.PNG' is not allowed: names must differ in more than case"),
        hostile(
            "folders equal but for case",
            archive(Entry.stored("Runs/a.png", "1"), Entry.stored("runs/b.png", "2")).bytes(),
            "'runs' and 'Runs' are one file on case-insensitive file systems"),
        hostile(
            "names equal but for Unicode normalisation",
            archive(Entry.stored("caf\u00E9", "1"), Entry.stored("cafe\u0301", "2")).bytes(),
            "Unicode normalisation"),
        hostile(
            "a file and a folder of one name",
            archive(Entry.stored("a", "1"), Entry.stored("a/b", "2")).bytes(),
            "archive entry='a/b' is not allowed: 'a' cannot be both a file and a folder"),
        hostile(
            "a folder entry and a file of one name",
            archive(Entry.stored("a/", ""), Entry.stored("a", "2")).bytes(),
            "'a' cannot be both a file and a folder"),
        hostile(
            "more entries than the limit",
            archive(
                    Entry.stored("1", ""),
                    Entry.stored("2", ""),
                    Entry.stored("3", ""),
                    Entry.stored("4", ""))
                .bytes(),
            SMALL,
            "archives may hold at most 3 entries; this one declares 4"),
        hostile(
            "100,001 entries, written with ZIP64 by ZipOutputStream",
            zipOutputStreamWithEntries(100_001),
            "archives may hold at most 100000 entries; this one declares 100001"),
        hostile(
            "a trillion entries declared in a ZIP64 end record",
            archive(Entry.stored("a", "x")).zip64().zip64Count(1_000_000_000_000L).bytes(),
            "archives may hold at most 100000 entries; this one declares 1000000000000"),
        hostile(
            "100,001 entries under a count that wrapped at 65,536",
            wrappedCount(100_001),
            "must hold exactly the 34465 records its end record declares"),
        hostile(
            "1 MB of zeros, deflated",
            archive(Entry.deflated("zeros.bin", zeros)).bytes(),
            "archive entry='zeros.bin' is not allowed: the compression ratio of an entry may be at"
                + " most 100 to 1; it declares 1048576 bytes from"),
        hostile(
            "size declared without compressed bytes",
            archive(Entry.stored("a", "").method(8).size(10)).bytes(),
            "it declares 10 bytes from 0"),
        hostile(
            "total over the limit",
            archive(Entry.stored("a", new byte[600]), Entry.stored("b", new byte[600])).bytes(),
            SMALL,
            "archive entry='b' is not allowed: the entries may declare at most 1000 uncompressed"
                + " bytes in all; with this one they declare 1200"),
        hostile(
            "encrypted flag",
            archive(Entry.stored("secret.png", "x").flags(0x0801)).bytes(),
            "archive entry='secret.png' is not allowed: encrypted entries are not supported"),
        hostile(
            "AES method",
            archive(Entry.stored("secret.png", "x").method(99)).bytes(),
            "encrypted entries are not supported"),
        hostile(
            "unknown method",
            archive(Entry.stored("a.bz2", "x").method(12)).bytes(),
            "compression method 12 is not supported (only 0, STORED, and 8, DEFLATED)"),
        hostile(
            "unknown flag",
            archive(Entry.stored("a", "x").flags(0x0820)).bytes(),
            "general purpose flags 0x0020 are not supported"),
        hostile(
            "ZIP64 extra field its record does not point to",
            archive(Entry.stored("a", "x").extra(new byte[] {1, 0, 0, 0})).bytes(),
            "archive entry='a' is not allowed: a ZIP64 extra field may only hold figures its"
                + " central record marks as held there (0xFFFFFFFF); this record marks none"),
        hostile(
            "local header offset marked as in a missing ZIP64 field",
            archive(Entry.stored("a", "x").localHeaderOffset(0xFFFFFFFFL)).bytes(),
            "its central record marks the local header's offset as held in a ZIP64 extra field,"
                + " which must then hold exactly that 8-byte offset"),
        hostile(
            "local header offset in a 4-byte ZIP64 field",
            archive(
                    Entry.stored("a", "x")
                        .localHeaderOffset(0xFFFFFFFFL)
                        .centralExtra(new byte[] {1, 0, 4, 0, 0, 0, 0, 0}))
                .bytes(),
            "which must then hold exactly that 8-byte offset"),
        hostile(
            "two ZIP64 fields",
            archive(Entry.stored("a", "x").offsetInZip64().centralExtra(new byte[] {1, 0, 0, 0}))
                .bytes(),
            "a header may carry one ZIP64 extra field"),
        hostile(
            "sizes in ZIP64 fields",
            archive(Entry.stored("a", "x").size(0xFFFFFFFFL).compressedSize(0xFFFFFFFFL)).bytes(),
            "entries of 4 GiB or more (sizes in a ZIP64 extra field) are not supported"),
        hostile(
            "ZIP64 field in the local header",
            archive(Entry.stored("a", "x").localExtra(new byte[] {1, 0, 0, 0})).bytes(),
            "its local header carries a ZIP64 extra field"),
        hostile(
            "ZIP64 offset pointing at another entry",
            archive(
                    Entry.stored("a", "x"),
                    Entry.stored("b", "y")
                        .withoutLocalHeader()
                        .localHeaderOffset(0)
                        .offsetInZip64())
                .zip64()
                .bytes(),
            "archive entry='b' is not allowed: its local header must give the same name, but"
                + " gives 'a'"),
        hostile(
            "second name in a Unicode path field",
            archive(Entry.stored("a", "x").extra(new byte[] {0x75, 0x70, 0, 0})).bytes(),
            "a second name in an Info-ZIP Unicode path field is not allowed"),
        hostile(
            "extra field longer than its block",
            archive(Entry.stored("a", "x").extra(new byte[] {0x55, 0x54, 9, 0, 1})).bytes(),
            "extra fields must be well-formed"),
        hostile(
            "folder with content",
            archive(Entry.stored("a/", "x")).bytes(),
            "folders (names ending in '/') must be empty; it declares 1"),
        hostile(
            "STORED with two sizes",
            archive(Entry.stored("a", "xyz").compressedSize(2)).bytes(),
            "STORED entries must declare equal compressed and uncompressed sizes; it declares 2"
                + " and 3"),
        hostile(
            "entry on another disk",
            archive(Entry.stored("a", "x").diskStart(1)).bytes(),
            "archives split over several files are not supported"),
        hostile(
            "local name differs from central name",
            archive(Entry.stored("good.png", "x").localName("../evil.png")).bytes(),
            "archive entry='good.png' is not allowed: its local header must give the same name,"
                + " but gives '../evil.png'"),
        hostile(
            "local method differs",
            archive(Entry.stored("a", "x").localMethod(8)).bytes(),
            "its local header must declare the same flags and method as its central record"),
        hostile(
            "local flags differ",
            archive(Entry.stored("a", "x").localFlags(0)).bytes(),
            "its local header must declare the same flags and method"),
        hostile(
            "local size differs",
            archive(Entry.stored("a", "x").localSize(100)).bytes(),
            "its local header must declare the same CRC-32 and sizes as its central record"),
        hostile(
            "data descriptor differs",
            archive(Entry.deflated("a", utf8("hello")).dataDescriptor(true).crc(7)).bytes(),
            "its data descriptor must follow its data and declare the CRC-32 and sizes"));
  }

  static Stream<Arguments> hostileStructures() {
    byte[] valid = archive(Entry.stored("a.png", "hello"), Entry.stored("b.png", "world")).bytes();
    byte[] fakeEnd = archive().bytes();
    byte[] nested = archive(Entry.stored("inner.png", "hidden")).bytes();
    Entry carrier = Entry.stored("a.png", nested);
    Entry hidden =
        Entry.stored("inner.png", "hidden").withoutLocalHeader().localHeaderOffset(30 + 5);
    return Stream.of(
        hostile("empty file", new byte[0], "not a ZIP file"),
        hostile(
            "text that is not a ZIP",
            utf8("{\"manifest\": \"not a zip\"}"),
            "archive='archive.zip' is not allowed: not a ZIP file: it has no end of central"
                + " directory record"),
        hostile(
            "truncated",
            Arrays.copyOf(valid, valid.length / 2),
            "the ZIP file is truncated: it has no end of central directory record"),
        hostile(
            "end record comment runs past the end of the file",
            archive(Entry.stored("a", "x")).commentLength(100).bytes(),
            "the end of central directory record declares a 100-byte comment, but only 0 bytes"
                + " follow it"),
        hostile(
            "bytes after the end record",
            archive(Entry.stored("a", "x")).trailer(new byte[7]).bytes(),
            "7 bytes follow the end of central directory record"),
        hostile(
            "second end record in the comment",
            archive(Entry.stored("a", "x")).comment(fakeEnd).bytes(),
            "this one has 2, one hidden in another's comment"),
        hostile(
            "central directory offset outside the file",
            archive(Entry.stored("a", "x")).directoryOffset(1_000_000).bytes(),
            "the central directory must lie inside the file; it is said to start at offset"
                + " 1000000"),
        hostile(
            "central directory size too small",
            archive(Entry.stored("a", "x")).directorySize(10).bytes(),
            "the central directory must end where the end of central directory record (or the ZIP64"
                + " one) starts"),
        hostile(
            "more records declared than present",
            archive(Entry.stored("a", "x")).declaredCount(2).bytes(),
            "the central directory must hold the 2 records its end record declares; it ends after"
                + " 1"),
        hostile(
            "fewer records declared than present",
            archive(Entry.stored("a", "x"), Entry.stored("b", "y")).declaredCount(1).bytes(),
            "must hold exactly the 1 records its end record declares; 47 more bytes follow"),
        hostile(
            "figures marked as in a ZIP64 record that is not there",
            archive(Entry.stored("a", "x")).declaredCount(0xFFFF).bytes(),
            "marks its figures as held in a ZIP64 end record (0xFFFF or 0xFFFFFFFF), but no ZIP64"
                + " end record locator precedes it"),
        hostile(
            "ZIP64 and classic records disagree on the count",
            archive(Entry.stored("a", "x")).zip64().declaredCount(2).bytes(),
            "the end of central directory record and the ZIP64 end record must agree on the entries"
                + " on this disk; they declare 2 and 1"),
        hostile(
            "ZIP64 locator pointing at no ZIP64 record",
            archive(Entry.stored("a", "x")).zip64().zip64LocatorOffset(0).bytes(),
            "the ZIP64 end record locator points at offset 0, where no ZIP64 end record is"),
        hostile(
            "ZIP64 locator pointing past itself",
            archive(Entry.stored("a", "x")).zip64().zip64LocatorOffset(1_000_000).bytes(),
            "the ZIP64 end record must lie, whole, before its locator"),
        hostile(
            "ZIP64 record with extensible data",
            archive(Entry.stored("a", "x")).zip64().zip64Extensible(new byte[8]).bytes(),
            "the ZIP64 end record must be 56 bytes, without extensible data, right before its"
                + " locator; it declares 64 bytes"),
        hostile(
            "ZIP64 count past 2^63",
            archive(Entry.stored("a", "x")).zip64().zip64Count(-1).bytes(),
            "the ZIP64 end record declares figures past 2^63"),
        hostile(
            "ZIP64 archive on several disks",
            archive(Entry.stored("a", "x")).zip64().zip64Disks(2).bytes(),
            "archives split over several files are not supported"),
        hostile(
            "split archive",
            archive(Entry.stored("a", "x")).disk(1).bytes(),
            "archives split over several files are not supported"),
        hostile(
            "bytes before the first entry",
            archive(Entry.stored("a", "x")).prefix(utf8("#!/bin/sh\n")).bytes(),
            "every byte before the central directory must belong to an entry; the 10 bytes at"
                + " offset 0 do not"),
        hostile(
            "local header offset at no local header",
            archive(Entry.stored("a", "x".repeat(40)).localHeaderOffset(3)).bytes(),
            "archive entry='a' is not allowed: its central record points at offset 3, where no"
                + " local header is"),
        hostile(
            "local header offset past the central directory",
            archive(Entry.stored("a", "x").localHeaderOffset(500)).bytes(),
            "its local header must lie before the central directory"),
        hostile(
            "compressed size past the central directory",
            archive(Entry.stored("a", "x").size(300).compressedSize(300)).bytes(),
            "its data must end before the central directory"),
        hostile(
            "entry hidden inside another's data",
            archive(carrier, hidden).bytes(),
            "archive entry='inner.png' is not allowed: entries must not overlap; its local header"
                + " at offset 35 lies inside entry 'a.png'"));
  }

  static Stream<Arguments> hostileData() {
    byte[] text = text(20_000);
    byte[] deflatedText = ZipBytes.deflate(text);
    byte[] trailing = Arrays.copyOf(deflatedText, deflatedText.length + 3);
    return Stream.of(
        Arguments.of(
            "declared size smaller than the inflated data",
            Entry.deflated("a.json", text).size(1000),
            "archive entry='a.json' is not allowed: it must inflate to the 1000 bytes it declares,"
                + " but inflates to more"),
        Arguments.of(
            "declared size larger than the inflated data",
            Entry.deflated("a.json", text).size(25_000),
            "it must inflate to the 25000 bytes it declares, but inflates to 20000"),
        Arguments.of(
            "wrong CRC-32, STORED",
            Entry.stored("a.png", text).crc(0x12345678L),
            "its data must have the CRC-32 it declares, 12345678, but has"),
        Arguments.of(
            "wrong CRC-32, DEFLATED",
            Entry.deflated("a.png", text).crc(0x12345678L),
            "its data must have the CRC-32 it declares, 12345678"),
        Arguments.of(
            "corrupt deflate data",
            Entry.deflated("a.png", text).data(new byte[400]).compressedSize(400),
            "its compressed data must be valid deflate data"),
        Arguments.of(
            "bytes after the deflate stream",
            Entry.deflated("a.png", text).data(trailing).compressedSize(trailing.length),
            "but 3 follow it"),
        Arguments.of(
            "deflate stream cut short",
            Entry.deflated("a.png", text)
                .data(Arrays.copyOf(deflatedText, deflatedText.length / 2))
                .compressedSize(deflatedText.length / 2),
            "its deflate stream must end within the " + deflatedText.length / 2));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource({"hostileNames", "hostileEntries", "hostileStructures"})
  void refusesHostileHeadersOnOpening(
      String description, byte[] zip, ZipLimits limits, String expected) throws IOException {
    Path file = write(zip);

    assertThatThrownBy(() -> SafeZipFile.open(file, limits))
        .isInstanceOf(HostileArchiveException.class)
        .hasMessageContaining(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileData")
  void refusesDataThatBreaksItsHeadersWhileReading(String description, Entry entry, String expected)
      throws IOException {
    try (SafeZipFile zip = SafeZipFile.open(write(archive(entry).bytes()), STANDARD)) {
      SafeZipEntry only = zip.entries().getFirst();

      assertThatThrownBy(() -> zip.readAllBytes(only))
          .isInstanceOf(HostileArchiveException.class)
          .hasMessageContaining(expected);
    }
  }

  @Test
  void stopsAtTheDeclaredSizeOfAnEntryThatInflatesToMore() throws IOException {
    Path file = write(archive(Entry.deflated("zeros.bin", new byte[1 << 20]).size(10_000)).bytes());
    try (SafeZipFile zip = SafeZipFile.open(file, STANDARD);
        InputStream in = zip.newInputStream(zip.entries().getFirst())) {
      byte[] buffer = new byte[4096];
      long[] delivered = {0};

      assertThatThrownBy(
              () -> {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                  delivered[0] += n;
                }
              })
          .isInstanceOf(HostileArchiveException.class)
          .hasMessageContaining("inflates to more");
      assertThat(delivered[0]).isEqualTo(10_000);
    }
  }

  @Test
  void readsABundleWrittenByZipOutputStream() throws IOException {
    Map<String, byte[]> contents = new LinkedHashMap<>();
    contents.put("bundle/", new byte[0]);
    contents.put("bundle/manifest.json", utf8("{\"runs\": [42], \"images\": 2}"));
    contents.put("bundle/metrics.arrow", text(50_000));
    contents.put("bundle/runs/42/image-0.png", random(30_000));
    contents.put("bundle/runs/42/空の画像 é.png", random(100));
    contents.put("bundle/runs/42/notes.txt", new byte[0]);
    contents.put("bundle/runs/42/empty-stored.txt", new byte[0]);
    Path file =
        write(
            zipOutputStream(
                contents, "bundle/runs/42/image-0.png", "bundle/runs/42/empty-stored.txt"));

    try (SafeZipFile zip = SafeZipFile.open(file, STANDARD)) {
      assertThat(zip.entries())
          .extracting(SafeZipEntry::name, SafeZipEntry::method, SafeZipEntry::size)
          .containsExactly(
              tuple("bundle/", Method.DEFLATED, 0L),
              tuple("bundle/manifest.json", Method.DEFLATED, 27L),
              tuple("bundle/metrics.arrow", Method.DEFLATED, 50_000L),
              tuple("bundle/runs/42/image-0.png", Method.STORED, 30_000L),
              tuple("bundle/runs/42/空の画像 é.png", Method.DEFLATED, 100L),
              tuple("bundle/runs/42/notes.txt", Method.DEFLATED, 0L),
              tuple("bundle/runs/42/empty-stored.txt", Method.STORED, 0L));
      assertThat(zip.entries()).extracting(SafeZipEntry::isFolder).startsWith(true, false);
      for (SafeZipEntry entry : zip.entries()) {
        assertThat(zip.readAllBytes(entry)).as(entry.name()).isEqualTo(contents.get(entry.name()));
      }
    }
  }

  @Test
  void readsAZip64ArchiveOfMoreThan65535EntriesAsZipOutputStreamWritesIt() throws IOException {
    try (SafeZipFile zip = SafeZipFile.open(write(zipOutputStreamWithEntries(70_000)), STANDARD)) {
      assertThat(zip.entries()).hasSize(70_000);
      assertThat(zip.entries().getLast().name()).isEqualTo("69999");
      assertThat(zip.readAllBytes(zip.entries().getLast())).isEmpty();
    }
  }

  @Test
  void readsLocalHeaderOffsetsHeldInZip64Fields() throws IOException {
    Path file =
        write(
            archive(
                    Entry.stored("a.png", "hello").offsetInZip64(),
                    Entry.deflated("b.png", utf8("world")).offsetInZip64())
                .zip64()
                .bytes());
    try (SafeZipFile zip = SafeZipFile.open(file, STANDARD)) {
      assertThat(zip.entries()).extracting(SafeZipEntry::name).containsExactly("a.png", "b.png");
      assertThat(zip.readAllBytes(zip.entries().get(0))).isEqualTo(utf8("hello"));
      assertThat(zip.readAllBytes(zip.entries().get(1))).isEqualTo(utf8("world"));
    }
  }

  @Test
  void readsHandWrittenEntriesWithUnixModesCommentsAndBothKindsOfDataDescriptor()
      throws IOException {
    byte[] manifest = utf8("{\"images\": [\"runs/1/a.png\"]}");
    byte[] png = random(5000);
    Path file =
        write(
            archive(
                    Entry.stored("runs/", "").unixMode(040755),
                    Entry.stored("runs/1/a.png", png).unixMode(0100644),
                    Entry.deflated("manifest.json", manifest).dataDescriptor(false),
                    Entry.deflated("Ωmega/ß.txt", manifest).dataDescriptor(true),
                    Entry.stored("empty", ""))
                .comment(utf8("made by Diffusion Lab"))
                .bytes());

    try (SafeZipFile zip = SafeZipFile.open(file, STANDARD)) {
      assertThat(zip.entries())
          .extracting(SafeZipEntry::name)
          .containsExactly("runs/", "runs/1/a.png", "manifest.json", "Ωmega/ß.txt", "empty");
      assertThat(zip.readAllBytes(zip.entries().get(1))).isEqualTo(png);
      assertThat(zip.readAllBytes(zip.entries().get(2))).isEqualTo(manifest);
      assertThat(zip.readAllBytes(zip.entries().get(3))).isEqualTo(manifest);
      assertThat(zip.readAllBytes(zip.entries().get(4))).isEmpty();
    }
  }

  @Test
  void readsAnEntryByteByByte() throws IOException {
    byte[] content = text(3000);
    Path file = write(archive(Entry.deflated("a.txt", content)).bytes());
    try (SafeZipFile zip = SafeZipFile.open(file, STANDARD);
        InputStream in = zip.newInputStream(zip.entries().getFirst())) {
      ByteArrayOutputStream read = new ByteArrayOutputStream();
      for (int b = in.read(); b >= 0; b = in.read()) {
        read.write(b);
      }

      assertThat(read.toByteArray()).isEqualTo(content);
    }
  }

  @Test
  void acceptsAnEmptyArchive() throws IOException {
    try (SafeZipFile zip = SafeZipFile.open(write(archive().bytes()), STANDARD)) {
      assertThat(zip.entries()).isEmpty();
    }
  }

  @Test
  void acceptsArchivesExactlyAtTheLimits() throws IOException {
    Path file =
        write(
            archive(
                    Entry.stored("a", new byte[500]),
                    Entry.stored("b", new byte[499]),
                    Entry.stored("c", new byte[1]))
                .bytes());

    try (SafeZipFile zip = SafeZipFile.open(file, SMALL)) {
      assertThat(zip.entries()).hasSize(3);
    }
  }

  @Test
  void allowsTheRatioUpToTheLimitAndNotBeyond() throws IOException {
    Entry zeros = Entry.deflated("zeros.bin", new byte[100_000]);
    Path file = write(archive(zeros).bytes());
    long compressed = ZipBytes.deflate(new byte[100_000]).length;
    int ratio = (int) ((100_000 + compressed - 1) / compressed);

    try (SafeZipFile zip = SafeZipFile.open(file, withRatio(ratio))) {
      assertThat(zip.readAllBytes(zip.entries().getFirst())).hasSize(100_000);
    }
    assertThatThrownBy(() -> SafeZipFile.open(file, withRatio(ratio - 1)))
        .isInstanceOf(HostileArchiveException.class)
        .hasMessageContaining("the compression ratio of an entry may be at most " + (ratio - 1));
  }

  @Test
  void showsAtMostAHundredCharactersOfAHostileName() throws IOException {
    String name = "\u001B[2J" + "a".repeat(2000);
    Path file = write(archive(Entry.stored(name, "x")).bytes());

    HostileArchiveException refusal =
        catchThrowableOfType(HostileArchiveException.class, () -> SafeZipFile.open(file, STANDARD));

    assertThat(refusal.getMessage())
        .startsWith("archive entry='\\u001B[2J")
        .contains("…(1909 more)' is not allowed: names must not contain control characters")
        .doesNotContain("\u001B");
    assertThat(refusal.entry()).hasValueSatisfying(shown -> assertThat(shown).hasSize(112));
    assertThat(refusal.errors())
        .singleElement()
        .satisfies(error -> assertThat(error.field()).isEqualTo("archive entry"));
  }

  @Test
  void namesTheArchiveWhenNoEntryIsAtFault() throws IOException {
    Path file = write(utf8("not a zip"));

    HostileArchiveException refusal =
        catchThrowableOfType(HostileArchiveException.class, () -> SafeZipFile.open(file, STANDARD));

    assertThat(refusal.entry()).isEmpty();
    assertThat(refusal.errors())
        .singleElement()
        .satisfies(
            error -> {
              assertThat(error.field()).isEqualTo("archive");
              assertThat(error.value()).isEqualTo("'archive.zip'");
            });
  }

  @Test
  void readsOnlyItsOwnEntries() throws IOException {
    try (SafeZipFile zip =
        SafeZipFile.open(write(archive(Entry.stored("a.png", "x")).bytes()), STANDARD)) {
      SafeZipEntry forged = new SafeZipEntry("a.png", Method.STORED, 1000, 1000);

      assertThatThrownBy(() -> zip.newInputStream(forged))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'a.png' is not an entry of");
    }
  }

  @Test
  void refusesLimitsBelowOne() {
    assertThatThrownBy(() -> new ZipLimits(0, 1, 1, 1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("entries 0");
  }

  private Path write(byte[] zip) throws IOException {
    return Files.write(dir.resolve("archive.zip"), zip);
  }

  private static Arguments name(String name, String expected) {
    return hostile(
        "name '" + HostileArchiveException.printable(name) + "'",
        archive(Entry.stored(name, "x")).bytes(),
        expected);
  }

  private static Arguments hostile(String description, byte[] zip, String expected) {
    return hostile(description, zip, STANDARD, expected);
  }

  private static Arguments hostile(
      String description, byte[] zip, ZipLimits limits, String expected) {
    return Arguments.of(description, zip, limits, expected);
  }

  private static ZipLimits withRatio(int ratio) {
    return new ZipLimits(
        STANDARD.maxEntries(),
        STANDARD.maxTotalBytes(),
        ratio,
        STANDARD.maxNameBytes(),
        STANDARD.maxSegmentBytes());
  }

  /** Text that deflates about as well as JSON does, four to one or so. */
  private static byte[] text(int length) {
    Random random = new Random(length);
    StringBuilder text = new StringBuilder();
    while (text.length() < length) {
      text.append("{\"step\": ").append(random.nextInt(1000)).append(", \"loss\": ");
      text.append(random.nextDouble()).append("}\n");
    }
    return utf8(text.substring(0, length));
  }

  private static byte[] random(int length) {
    byte[] bytes = new byte[length];
    new Random(length).nextBytes(bytes);
    return bytes;
  }

  /** An archive as java.util.zip writes it: deflated with data descriptors, unless stored. */
  private static byte[] zipOutputStream(Map<String, byte[]> contents, String... stored)
      throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> content : contents.entrySet()) {
        ZipEntry entry = new ZipEntry(content.getKey());
        if (Arrays.asList(stored).contains(content.getKey())) {
          CRC32 crc = new CRC32();
          crc.update(content.getValue());
          entry.setMethod(ZipEntry.STORED);
          entry.setSize(content.getValue().length);
          entry.setCrc(crc.getValue());
        }
        zip.putNextEntry(entry);
        zip.write(content.getValue());
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  private static byte[] zipOutputStreamWithEntries(int count) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.setMethod(ZipOutputStream.STORED);
      for (int i = 0; i < count; i++) {
        ZipEntry entry = new ZipEntry(Integer.toString(i));
        entry.setSize(0);
        entry.setCrc(0);
        zip.putNextEntry(entry);
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return bytes.toByteArray();
  }

  /** {@code count} tiny entries under the count a writer without ZIP64 keeps: modulo 65,536. */
  private static byte[] wrappedCount(int count) {
    Entry[] entries = new Entry[count];
    for (int i = 0; i < count; i++) {
      entries[i] = Entry.stored(Integer.toString(i), "");
    }
    return archive(entries).declaredCount(count & 0xFFFF).bytes();
  }
}
