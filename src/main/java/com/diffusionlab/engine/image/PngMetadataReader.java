package com.diffusionlab.engine.image;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads the header and every text chunk ({@code tEXt}, {@code zTXt}, {@code iTXt} compressed or
 * not) of any PNG, written by this engine or by another tool.
 *
 * <p>Every file is treated as hostile: the signature and the CRC of every chunk read are checked,
 * chunk lengths are checked against the file and the {@link PngReadLimits}, compressed text is
 * inflated under a cap, and a truncated file is reported as such. Image data is skipped unread (on
 * a file, by seeking), so the cost does not depend on the image size.
 */
public final class PngMetadataReader {
  private static final Map<Integer, Set<Integer>> BIT_DEPTHS_BY_COLOR_TYPE =
      Map.of(
          0, Set.of(1, 2, 4, 8, 16),
          2, Set.of(8, 16),
          3, Set.of(1, 2, 4, 8),
          4, Set.of(8, 16),
          6, Set.of(8, 16));
  private static final int CRC_BYTES = 4;
  private static final int CHUNK_OVERHEAD = 12;
  private static final int INFLATE_BUFFER = 8192;

  private final PngReadLimits limits;

  public PngMetadataReader() {
    this(PngReadLimits.defaults());
  }

  public PngMetadataReader(PngReadLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /** Reads a PNG file; error messages start with its path. */
  public PngMetadata read(Path file) throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      return read(new Source(in, Files.size(file), file.toString()));
    }
  }

  /** Reads PNG bytes held in memory. */
  public PngMetadata read(byte[] png) throws IOException {
    return read(new Source(new ByteArrayInputStream(png), png.length, "PNG data"));
  }

  /** Reads a PNG from a stream, up to its IEND chunk; the stream stays open. */
  public PngMetadata read(InputStream in) throws IOException {
    return read(new Source(in, -1, "PNG stream"));
  }

  private PngMetadata read(Source source) throws IOException {
    byte[] signature = source.readFully(PngChunks.SIGNATURE.length, "the PNG signature");
    if (!Arrays.equals(signature, PngChunks.SIGNATURE)) {
      throw source.error(
          "not a PNG: the file starts with %s, a PNG with %s"
              .formatted(hex(signature), hex(PngChunks.SIGNATURE)));
    }
    Header header = null;
    List<PngText> texts = new ArrayList<>();
    long textBytes = 0;
    while (true) {
      long offset = source.position();
      byte[] lengthBytes = source.readUpTo(4);
      if (lengthBytes.length == 0) {
        throw source.error(
            "truncated: the data ends at offset %d without an IEND chunk".formatted(offset));
      }
      if (lengthBytes.length < 4) {
        throw source.error("truncated: the data ends inside a chunk length at offset " + offset);
      }
      long length = Integer.toUnsignedLong(ByteBuffer.wrap(lengthBytes).getInt());
      byte[] typeBytes = source.readFully(4, "the chunk type at offset " + offset);
      String type = chunkType(source, typeBytes, offset);
      Chunk chunk = new Chunk(type, offset, length, typeBytes);
      checkLength(source, chunk);
      if (header == null && !type.equals(PngChunks.IHDR)) {
        throw source.error("the first chunk is %s; a PNG starts with IHDR".formatted(type));
      }
      if (type.equals(PngChunks.IHDR)) {
        if (header != null) {
          throw source.error("a second IHDR chunk at offset " + offset);
        }
        requireLength(source, chunk, PngChunks.IHDR_LENGTH);
        header = parseHeader(source, source.readChecked(chunk));
      } else if (PngTextType.fromChunkName(type).isPresent()) {
        if (texts.size() == limits.maxTextChunks()) {
          throw source.error(
              "more than %d text chunks (limit); the %s chunk at offset %d is one too many"
                  .formatted(limits.maxTextChunks(), type, offset));
        }
        if (length > limits.maxTextChunkBytes()) {
          throw source.error(
              "the %s chunk at offset %d holds %d bytes, above the limit of %d"
                  .formatted(type, offset, length, limits.maxTextChunkBytes()));
        }
        TextChunk text = parseText(source, chunk, source.readChecked(chunk));
        textBytes += text.byteCount();
        if (textBytes > limits.maxTotalTextBytes()) {
          throw source.error(
              "the text chunks hold more than %d bytes in all (limit), reached at the %s chunk at offset %d"
                  .formatted(limits.maxTotalTextBytes(), type, offset));
        }
        texts.add(text.text());
      } else if (type.equals(PngChunks.IEND)) {
        requireLength(source, chunk, 0);
        source.readChecked(chunk);
        return new PngMetadata(
            header.width(),
            header.height(),
            header.bitDepth(),
            header.colorType(),
            header.interlaced(),
            texts);
      } else {
        source.skip(length + CRC_BYTES, chunk);
      }
    }
  }

  private record Chunk(String type, long offset, long length, byte[] typeBytes) {}

  private record Header(int width, int height, int bitDepth, int colorType, boolean interlaced) {}

  private record TextChunk(PngText text, long byteCount) {}

  private static String chunkType(Source source, byte[] typeBytes, long offset) {
    for (byte b : typeBytes) {
      boolean letter = (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z');
      if (!letter) {
        throw source.error(
            "the chunk at offset %d has type bytes %s; chunk types are four ASCII letters"
                .formatted(offset, hex(typeBytes)));
      }
    }
    return new String(typeBytes, StandardCharsets.US_ASCII);
  }

  private static void checkLength(Source source, Chunk chunk) {
    if (chunk.length() > PngChunks.MAX_LENGTH) {
      throw source.error(
          "the %s chunk at offset %d declares %d bytes; PNG allows at most %d"
              .formatted(chunk.type(), chunk.offset(), chunk.length(), PngChunks.MAX_LENGTH));
    }
    long end = chunk.offset() + CHUNK_OVERHEAD + chunk.length();
    if (source.size() >= 0 && end > source.size()) {
      throw source.error(
          "truncated: the %s chunk at offset %d declares %d bytes, but the data ends at offset %d"
              .formatted(chunk.type(), chunk.offset(), chunk.length(), source.size()));
    }
  }

  // Checked before reading, so that a hostile length allocates nothing.
  private static void requireLength(Source source, Chunk chunk, int expected) {
    if (chunk.length() != expected) {
      throw source.error(
          "the %s chunk at offset %d declares %d bytes; it must hold %d"
              .formatted(chunk.type(), chunk.offset(), chunk.length(), expected));
    }
  }

  private static Header parseHeader(Source source, byte[] data) {
    ByteBuffer buffer = ByteBuffer.wrap(data);
    long width = Integer.toUnsignedLong(buffer.getInt());
    long height = Integer.toUnsignedLong(buffer.getInt());
    int bitDepth = buffer.get() & 0xFF;
    int colorType = buffer.get() & 0xFF;
    int compression = buffer.get() & 0xFF;
    int filter = buffer.get() & 0xFF;
    int interlace = buffer.get() & 0xFF;
    if (width < 1 || width > PngChunks.MAX_LENGTH || height < 1 || height > PngChunks.MAX_LENGTH) {
      throw source.error(
          "the IHDR chunk gives size %dx%d; PNG allows 1 to %d each"
              .formatted(width, height, PngChunks.MAX_LENGTH));
    }
    Set<Integer> depths = BIT_DEPTHS_BY_COLOR_TYPE.get(colorType);
    if (depths == null || !depths.contains(bitDepth)) {
      throw source.error(
          "the IHDR chunk gives colour type %d with bit depth %d, a combination PNG does not define"
              .formatted(colorType, bitDepth));
    }
    if (compression != 0 || filter != 0 || interlace > 1) {
      throw source.error(
          "the IHDR chunk gives compression %d, filter %d, interlace %d; PNG defines 0, 0, 0 or 1"
              .formatted(compression, filter, interlace));
    }
    return new Header((int) width, (int) height, bitDepth, colorType, interlace == 1);
  }

  private TextChunk parseText(Source source, Chunk chunk, byte[] data) {
    int nul = indexOfNul(data, 0);
    if (nul < 0) {
      throw source.error(
          "the %s chunk at offset %d has no NUL after its keyword"
              .formatted(chunk.type(), chunk.offset()));
    }
    if (nul == 0 || nul > PngText.MAX_KEYWORD_LENGTH) {
      throw source.error(
          "the %s chunk at offset %d has a keyword of %d bytes; PNG allows 1 to %d"
              .formatted(chunk.type(), chunk.offset(), nul, PngText.MAX_KEYWORD_LENGTH));
    }
    String keyword = new String(data, 0, nul, StandardCharsets.ISO_8859_1);
    String where =
        "the %s chunk '%s' at offset %d".formatted(chunk.type(), keyword, chunk.offset());
    int body = nul + 1;
    return switch (PngTextType.fromChunkName(chunk.type()).orElseThrow()) {
      case TEXT ->
          latin1Text(keyword, PngTextType.TEXT, Arrays.copyOfRange(data, body, data.length));
      case ZTXT -> {
        if (body >= data.length || data[body] != 0) {
          throw source.error(where + " has no compression method or one other than 0 (deflate)");
        }
        yield latin1Text(keyword, PngTextType.ZTXT, inflate(source, where, data, body + 1));
      }
      case ITXT -> parseInternationalText(source, where, keyword, data, body);
    };
  }

  private TextChunk parseInternationalText(
      Source source, String where, String keyword, byte[] data, int body) {
    if (body + 2 > data.length) {
      throw source.error(where + " ends before its compression flag and method");
    }
    int flag = data[body] & 0xFF;
    int method = data[body + 1] & 0xFF;
    if (flag > 1 || (flag == 1 && method != 0)) {
      throw source.error(
          "%s has compression flag %d and method %d; PNG defines flag 0, or flag 1 with method 0"
              .formatted(where, flag, method));
    }
    int languageEnd = indexOfNul(data, body + 2);
    int translatedEnd = languageEnd < 0 ? -1 : indexOfNul(data, languageEnd + 1);
    if (translatedEnd < 0) {
      throw source.error(where + " lacks the NUL after its language tag or translated keyword");
    }
    byte[] encoded =
        flag == 1
            ? inflate(source, where, data, translatedEnd + 1)
            : Arrays.copyOfRange(data, translatedEnd + 1, data.length);
    try {
      String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(encoded)).toString();
      return new TextChunk(new PngText(keyword, text, PngTextType.ITXT), encoded.length);
    } catch (CharacterCodingException e) {
      throw new PngFormatException(
          source.name() + ": " + where + " holds text that is not valid UTF-8", e);
    }
  }

  private static TextChunk latin1Text(String keyword, PngTextType type, byte[] bytes) {
    return new TextChunk(
        new PngText(keyword, new String(bytes, StandardCharsets.ISO_8859_1), type), bytes.length);
  }

  private byte[] inflate(Source source, String where, byte[] data, int from) {
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(data, from, data.length - from);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[INFLATE_BUFFER];
      while (!inflater.finished()) {
        int n = inflater.inflate(buffer);
        // All input is given at once, so no output without the end means it cannot go on.
        if (n == 0 && !inflater.finished()) {
          throw source.error(
              inflater.needsDictionary()
                  ? where + " is compressed with a preset dictionary, which PNG does not allow"
                  : where
                      + " is truncated: its compressed text ends before the deflate stream does");
        }
        if (out.size() + (long) n > limits.maxInflatedTextBytes()) {
          throw source.error(
              "%s inflates to more than %d bytes (limit); refusing a likely decompression bomb"
                  .formatted(where, limits.maxInflatedTextBytes()));
        }
        out.write(buffer, 0, n);
      }
      return out.toByteArray();
    } catch (DataFormatException e) {
      throw new PngFormatException(
          source.name() + ": " + where + " holds corrupt compressed text: " + e.getMessage(), e);
    } finally {
      inflater.end();
    }
  }

  private static int indexOfNul(byte[] data, int from) {
    for (int i = from; i < data.length; i++) {
      if (data[i] == 0) {
        return i;
      }
    }
    return -1;
  }

  private static String hex(byte[] bytes) {
    return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(bytes);
  }

  /** The input with its position, its size when known ({@code -1} if not) and a name for errors. */
  private static final class Source {
    private final InputStream in;
    private final long size;
    private final String name;
    private long position;

    Source(InputStream in, long size, String name) {
      this.in = Objects.requireNonNull(in, "in");
      this.size = size;
      this.name = name;
    }

    long position() {
      return position;
    }

    long size() {
      return size;
    }

    String name() {
      return name;
    }

    PngFormatException error(String message) {
      return new PngFormatException(name + ": " + message);
    }

    byte[] readUpTo(int n) throws IOException {
      byte[] bytes = in.readNBytes(n);
      position += bytes.length;
      return bytes;
    }

    byte[] readFully(int n, String what) throws IOException {
      byte[] bytes = readUpTo(n);
      if (bytes.length < n) {
        throw error("truncated: the data ends at offset %d, inside %s".formatted(position, what));
      }
      return bytes;
    }

    /** Reads the chunk's data and CRC, and checks the CRC. */
    byte[] readChecked(Chunk chunk) throws IOException {
      String what = "the %s chunk at offset %d".formatted(chunk.type(), chunk.offset());
      byte[] data = readFully((int) chunk.length(), what);
      long stored = Integer.toUnsignedLong(ByteBuffer.wrap(readFully(CRC_BYTES, what)).getInt());
      CRC32 crc = new CRC32();
      crc.update(chunk.typeBytes());
      crc.update(data);
      if (crc.getValue() != stored) {
        throw error(
            "CRC mismatch in %s: stored %08X, computed %08X"
                .formatted(what, stored, crc.getValue()));
      }
      return data;
    }

    void skip(long n, Chunk chunk) throws IOException {
      try {
        in.skipNBytes(n);
      } catch (EOFException e) {
        throw new PngFormatException(
            name
                + ": truncated: the data ends inside the %s chunk at offset %d"
                    .formatted(chunk.type(), chunk.offset()),
            e);
      }
      position += n;
    }
  }
}
