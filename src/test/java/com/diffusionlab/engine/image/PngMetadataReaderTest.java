package com.diffusionlab.engine.image;

import static com.diffusionlab.engine.image.HandMadePng.concat;
import static com.diffusionlab.engine.image.HandMadePng.latin1;
import static com.diffusionlab.engine.image.HandMadePng.utf8;
import static com.diffusionlab.engine.image.HandMadePng.zlib;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PngMetadataReaderTest {
  private final PngMetadataReader reader = new PngMetadataReader();

  /*
   * Written by Pillow 9.4.0 (Debian python3-pil), the library AUTOMATIC1111 and ComfyUI save with:
   *   info = PngImagePlugin.PngInfo()
   *   info.add_text("parameters", "a cat\nNegative prompt: blurry\nSteps: 20, Sampler: Euler a,
   *                 CFG scale: 7, Seed: 1234, Size: 512x512")        # -> tEXt
   *   info.add_text("prompt", "猫, café")                           # -> iTXt (not Latin-1)
   *   info.add_text("Comment", "café " * 20, zip=True)              # -> zTXt
   *   info.add_itxt("workflow", '{"nodes": ["ノード"]}', zip=True)  # -> compressed iTXt
   *   info.add_itxt("Title", "Hello", lang="en", tkey="Überschrift")
   *   Image.new("RGB", (1, 1), (10, 20, 30)).save(buf, "PNG", pnginfo=info)
   */
  private static final String PILLOW_PNG =
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAAbXRFWHRwYXJhbWV0ZXJzAGEgY2F0Ck5lZ2F0aXZlIHBy"
          + "b21wdDogYmx1cnJ5ClN0ZXBzOiAyMCwgU2FtcGxlcjogRXVsZXIgYSwgQ0ZHIHNjYWxlOiA3LCBTZWVkOiAxMjM0"
          + "LCBTaXplOiA1MTJ4NTEym3JD0AAAABVpVFh0cHJvbXB0AAAAAADnjKssIGNhZsOpZWzn8QAAABl6VFh0Q29tbWVu"
          + "dAAAeJxLTkx7qZBMWwIAreor/XFFz2wAAAAtaVRYdHdvcmtmbG93AAEAAAB4nKtWystPSS1WslKIVnrc3Pe4ec/j"
          + "5k6l2FoAecIKsU4iLusAAAAdaVRYdFRpdGxlAAAAZW4Aw5xiZXJzY2hyaWZ0AEhlbGxviy3NWAAAAAxJREFUeJxj"
          + "4BKRAwAAaAA9VAij9wAAAABJRU5ErkJggg==";

  @Test
  void readsEveryTextChunkKindPillowWrites() throws IOException {
    PngMetadata metadata = reader.read(Base64.getDecoder().decode(PILLOW_PNG));

    assertThat(metadata.width()).isEqualTo(1);
    assertThat(metadata.height()).isEqualTo(1);
    assertThat(metadata.bitDepth()).isEqualTo(8);
    assertThat(metadata.colorType()).isEqualTo(2);
    assertThat(metadata.interlaced()).isFalse();
    assertThat(metadata.texts())
        .containsExactly(
            new PngText(
                "parameters",
                "a cat\nNegative prompt: blurry\nSteps: 20, Sampler: Euler a, CFG scale: 7,"
                    + " Seed: 1234, Size: 512x512",
                PngTextType.TEXT),
            new PngText("prompt", "猫, café", PngTextType.ITXT),
            new PngText("Comment", "café ".repeat(20), PngTextType.ZTXT),
            new PngText("workflow", "{\"nodes\": [\"ノード\"]}", PngTextType.ITXT),
            new PngText("Title", "Hello", PngTextType.ITXT));
    assertThat(metadata.textMap().sequencedKeySet())
        .containsExactly("parameters", "prompt", "Comment", "workflow", "Title");
  }

  @Test
  void readsTextChunksWrittenByImageIo() throws IOException {
    byte[] png = imageIoPngWithText();

    // ImageIO writes its tEXt, then iTXt, then zTXt entries: its order, not ours.
    assertThat(reader.read(png).texts())
        .containsExactly(
            new PngText("Software", "ImageIO café", PngTextType.TEXT),
            new PngText("Title", "Ünïcødé ✓", PngTextType.ITXT),
            new PngText("Comment", "zipped ".repeat(30), PngTextType.ZTXT));
  }

  @Test
  void readsHandMadeChunksIncludingAfterImageData(@TempDir Path dir) throws IOException {
    byte[] png =
        HandMadePng.withHeader(1, 1, 2)
            .chunk("tEXt", latin1("Author\0Zoë"))
            .chunk("zTXt", concat(latin1("Description\0\0"), zlib(latin1("long ".repeat(100)))))
            .chunk(
                "iTXt",
                concat(latin1("Title\0\1\0de\0"), utf8("Überschrift\0"), zlib(utf8("Grüße 👋"))))
            .chunk("IDAT", zlib(new byte[] {0, 1, 2, 3}))
            .chunk("tEXt", latin1("After\0idat"))
            .chunk("IEND", new byte[0])
            .bytes();
    Path file = dir.resolve("hand.png");
    Files.write(file, png);

    for (PngMetadata metadata :
        List.of(reader.read(png), reader.read(file), reader.read(new ByteArrayInputStream(png)))) {
      assertThat(metadata.texts())
          .containsExactly(
              new PngText("Author", "Zoë", PngTextType.TEXT),
              new PngText("Description", "long ".repeat(100), PngTextType.ZTXT),
              new PngText("Title", "Grüße 👋", PngTextType.ITXT),
              new PngText("After", "idat", PngTextType.TEXT));
    }
  }

  @Test
  void repeatedKeywordKeepsFirstPositionAndLastTextAsPillowDoes() throws IOException {
    byte[] png =
        HandMadePng.withHeader(1, 1, 2)
            .chunk("tEXt", latin1("parameters\0first"))
            .chunk("tEXt", latin1("other\0x"))
            .chunk("tEXt", latin1("parameters\0second"))
            .onePixelRgbAndEnd()
            .bytes();

    PngMetadata metadata = reader.read(png);

    assertThat(metadata.texts()).hasSize(3);
    assertThat(metadata.textMap().sequencedEntrySet())
        .extracting(e -> e.getKey() + "=" + e.getValue())
        .containsExactly("parameters=second", "other=x");
  }

  @Test
  void roundTripsWhatPngWriterWrites() throws IOException {
    List<PngText> texts =
        List.of(
            PngText.of("parameters", "a cat\nSteps: 20"),
            PngText.of("prompt", "日本語"),
            PngText.international("diffusionlab", "{}"));

    byte[] png = new PngWriter().encode(PngWriterTest.gradient(3, 2), texts);

    PngMetadata metadata = reader.read(png);
    assertThat(metadata.texts()).isEqualTo(texts);
    assertThat(metadata.width()).isEqualTo(3);
    assertThat(metadata.height()).isEqualTo(2);
  }

  @Test
  void skipsImageDataWithoutReadingIt() throws IOException {
    byte[] png =
        new PngWriter()
            .encode(
                new RgbImage(300, 300, PngWriterTest.lcg(300 * 300 * 3, 5)),
                List.of(PngText.of("k", "v")));
    CountingStream in = new CountingStream(new ByteArrayInputStream(png));

    assertThat(reader.read(in).textMap()).containsEntry("k", "v");

    assertThat(in.bytesRead).isLessThan(200);
    assertThat(in.bytesSkipped).isGreaterThan(png.length - 200L);
  }

  @Test
  void refusesWhatIsNotAPng() {
    assertThatThrownBy(() -> reader.read(latin1("GIF8")))
        .isInstanceOf(PngFormatException.class)
        .hasMessageContaining("truncated")
        .hasMessageContaining("PNG signature");
    assertThatThrownBy(() -> reader.read(latin1("GIF89a-not-a-png-at-all")))
        .isInstanceOf(PngFormatException.class)
        .hasMessageContaining("not a PNG")
        .hasMessageContaining("47 49 46 38");
  }

  @Test
  void reportsCrcMismatchNamingTheChunk() {
    byte[] png =
        HandMadePng.withHeader(1, 1, 2)
            .chunk("tEXt", latin1("k\0value"))
            .onePixelRgbAndEnd()
            .bytes();
    int at = PngWriterTest.indexOf(png, latin1("value"));
    png[at] = 'V';

    assertThatThrownBy(() -> reader.read(png))
        .isInstanceOf(PngFormatException.class)
        .hasMessageContaining("CRC mismatch in the tEXt chunk at offset 33");
  }

  @Test
  void refusesChunkLengthsBeyondTheFileOrThePngMaximum() {
    byte[] header = HandMadePng.withHeader(1, 1, 2).bytes();
    byte[] huge = concat(header, new byte[] {-1, -1, -1, -1}, latin1("IDAT"), new byte[20]);
    byte[] beyond = concat(header, new byte[] {0, 0, 0x10, 0}, latin1("IDAT"), new byte[20]);

    assertThatThrownBy(() -> reader.read(huge))
        .isInstanceOf(PngFormatException.class)
        .hasMessageContaining("declares 4294967295 bytes; PNG allows at most 2147483647");
    assertThatThrownBy(() -> reader.read(beyond))
        .isInstanceOf(PngFormatException.class)
        .hasMessageContaining(
            "IDAT chunk at offset 33 declares 4096 bytes, but the data ends at offset 61");
    assertThatThrownBy(() -> reader.read(new ByteArrayInputStream(beyond)))
        .isInstanceOf(PngFormatException.class)
        .hasMessageContaining("truncated: the data ends inside the IDAT chunk at offset 33");
  }

  @Test
  void refusesTextChunksAboveTheLimits() {
    PngMetadataReader strict = new PngMetadataReader(new PngReadLimits(100, 1000, 150, 3));
    byte[] big =
        HandMadePng.withHeader(1, 1, 2)
            .chunk("tEXt", latin1("k\0" + "x".repeat(99)))
            .onePixelRgbAndEnd()
            .bytes();
    HandMadePng many = HandMadePng.withHeader(1, 1, 2);
    for (int i = 0; i < 4; i++) {
      many.chunk("tEXt", latin1("k" + i + "\0v"));
    }
    HandMadePng total = HandMadePng.withHeader(1, 1, 2);
    for (int i = 0; i < 2; i++) {
      total.chunk("tEXt", latin1("k" + i + "\0" + "y".repeat(90)));
    }

    assertThatThrownBy(() -> strict.read(big))
        .hasMessageContaining(
            "the tEXt chunk at offset 33 holds 101 bytes, above the limit of 100");
    assertThatThrownBy(() -> strict.read(many.onePixelRgbAndEnd().bytes()))
        .hasMessageContaining("more than 3 text chunks");
    assertThatThrownBy(() -> strict.read(total.onePixelRgbAndEnd().bytes()))
        .hasMessageContaining("more than 150 bytes in all");
  }

  @Test
  void refusesDecompressionBombs() {
    // 16 MiB of zeros deflate to about 16 KiB: far under the stored limit, far over the inflated
    // one.
    byte[] bomb = zlib(new byte[16 << 20]);
    byte[] ztxt =
        HandMadePng.withHeader(1, 1, 2)
            .chunk("zTXt", concat(latin1("Comment\0\0"), bomb))
            .onePixelRgbAndEnd()
            .bytes();
    byte[] itxt =
        HandMadePng.withHeader(1, 1, 2)
            .chunk("iTXt", concat(latin1("Title\0\1\0\0\0"), bomb))
            .onePixelRgbAndEnd()
            .bytes();

    assertThat(bomb.length).isLessThan(PngReadLimits.defaults().maxTextChunkBytes());
    assertThatThrownBy(() -> reader.read(ztxt))
        .isInstanceOf(PngFormatException.class)
        .hasMessageContaining(
            "zTXt chunk 'Comment' at offset 33 inflates to more than 1048576 bytes");
    assertThatThrownBy(() -> reader.read(itxt))
        .isInstanceOf(PngFormatException.class)
        .hasMessageContaining(
            "iTXt chunk 'Title' at offset 33 inflates to more than 1048576 bytes");
  }

  @Test
  void reportsCorruptAndTruncatedCompressedText() {
    byte[] compressed = zlib(latin1("some text that compresses ".repeat(10)));
    byte[] corrupt = compressed.clone();
    corrupt[0] = 0x79; // breaks the zlib header check
    byte[] cut = Arrays.copyOf(compressed, compressed.length / 2);

    assertThatThrownBy(() -> reader.read(zTxtPng(corrupt)))
        .isInstanceOf(PngFormatException.class)
        .hasMessageContaining("zTXt chunk 'k' at offset 33 holds corrupt compressed text");
    assertThatThrownBy(() -> reader.read(zTxtPng(cut)))
        .isInstanceOf(PngFormatException.class)
        .hasMessageContaining("zTXt chunk 'k' at offset 33 is truncated");
  }

  @Test
  void reportsMalformedTextChunks() {
    assertThatThrownBy(() -> reader.read(textPng("tEXt", latin1("no separator"))))
        .hasMessageContaining("tEXt chunk at offset 33 has no NUL after its keyword");
    assertThatThrownBy(() -> reader.read(textPng("tEXt", latin1("k".repeat(80) + "\0v"))))
        .hasMessageContaining("keyword of 80 bytes; PNG allows 1 to 79");
    assertThatThrownBy(() -> reader.read(textPng("tEXt", latin1("\0v"))))
        .hasMessageContaining("keyword of 0 bytes");
    assertThatThrownBy(() -> reader.read(textPng("zTXt", latin1("k\0\1xyz"))))
        .hasMessageContaining("compression method");
    assertThatThrownBy(() -> reader.read(textPng("iTXt", latin1("k\0\2\0\0\0v"))))
        .hasMessageContaining("compression flag 2");
    assertThatThrownBy(() -> reader.read(textPng("iTXt", latin1("k\0\0\0en"))))
        .hasMessageContaining("lacks the NUL");
    assertThatThrownBy(
            () ->
                reader.read(
                    textPng("iTXt", concat(latin1("k\0\0\0\0\0"), new byte[] {(byte) 0xC3, 0x28}))))
        .hasMessageContaining("iTXt chunk 'k' at offset 33 holds text that is not valid UTF-8");
  }

  @Test
  void reportsTruncatedFilesAndBrokenStructure() {
    byte[] whole = HandMadePng.withHeader(1, 1, 2).onePixelRgbAndEnd().bytes();
    byte[] withoutEnd = Arrays.copyOf(whole, whole.length - 12);
    byte[] midChunk = Arrays.copyOf(whole, 45);
    byte[] noHeader = new HandMadePng().chunk("tEXt", latin1("k\0v")).bytes();
    byte[] badType =
        concat(
            HandMadePng.withHeader(1, 1, 2).bytes(),
            new byte[] {0, 0, 0, 0, 'I', 'D', '4', 'T', 0, 0, 0, 0});
    byte[] zeroWidth =
        new HandMadePng().chunk("IHDR", new byte[] {0, 0, 0, 0, 0, 0, 0, 1, 8, 2, 0, 0, 0}).bytes();
    byte[] badDepth =
        new HandMadePng().chunk("IHDR", new byte[] {0, 0, 0, 1, 0, 0, 0, 1, 3, 2, 0, 0, 0}).bytes();

    assertThatThrownBy(() -> reader.read(withoutEnd)).hasMessageContaining("without an IEND chunk");
    assertThatThrownBy(() -> reader.read(new ByteArrayInputStream(midChunk)))
        .hasMessageContaining("truncated: the data ends inside the IDAT chunk at offset 33");
    assertThatThrownBy(() -> reader.read(noHeader))
        .hasMessageContaining("the first chunk is tEXt; a PNG starts with IHDR");
    assertThatThrownBy(() -> reader.read(badType)).hasMessageContaining("type bytes 49 44 34 54");
    assertThatThrownBy(() -> reader.read(zeroWidth)).hasMessageContaining("size 0x1");
    assertThatThrownBy(() -> reader.read(badDepth))
        .hasMessageContaining("colour type 2 with bit depth 3");
  }

  @Test
  void checksFixedChunkLengthsBeforeReadingThem() {
    byte[] hugeHeader =
        concat(
            new HandMadePng().bytes(),
            new byte[] {0x7F, -1, -1, -16},
            latin1("IHDR"),
            new byte[16]);
    byte[] endWithData =
        HandMadePng.withHeader(1, 1, 2)
            .chunk("IDAT", zlib(new byte[4]))
            .chunk("IEND", new byte[1])
            .bytes();

    assertThatThrownBy(() -> reader.read(new ByteArrayInputStream(hugeHeader)))
        .hasMessageContaining(
            "the IHDR chunk at offset 8 declares 2147483632 bytes; it must hold 13");
    assertThatThrownBy(() -> reader.read(endWithData))
        .hasMessageContaining("the IEND chunk at offset");
  }

  @Test
  void errorMessagesNameTheFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("broken.png");
    Files.write(file, latin1("not a png at all"));

    assertThatThrownBy(() -> reader.read(file)).hasMessageStartingWith(file + ": not a PNG");
  }

  private static byte[] zTxtPng(byte[] compressed) {
    return textPng("zTXt", concat(latin1("k\0\0"), compressed));
  }

  private static byte[] textPng(String type, byte[] data) {
    return HandMadePng.withHeader(1, 1, 2).chunk(type, data).onePixelRgbAndEnd().bytes();
  }

  private static byte[] imageIoPngWithText() throws IOException {
    BufferedImage image = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
    ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
    try {
      IIOMetadata metadata =
          writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), null);
      IIOMetadataNode root = new IIOMetadataNode("javax_imageio_png_1.0");
      IIOMetadataNode text = new IIOMetadataNode("tEXt");
      text.appendChild(entry("tEXtEntry", "Software", "ImageIO café"));
      IIOMetadataNode ztext = new IIOMetadataNode("zTXt");
      IIOMetadataNode z = entry("zTXtEntry", "Comment", null);
      z.setAttribute("text", "zipped ".repeat(30));
      z.setAttribute("compressionMethod", "deflate");
      ztext.appendChild(z);
      IIOMetadataNode itext = new IIOMetadataNode("iTXt");
      IIOMetadataNode i = entry("iTXtEntry", "Title", null);
      i.setAttribute("compressionFlag", "FALSE");
      i.setAttribute("compressionMethod", "0");
      i.setAttribute("languageTag", "");
      i.setAttribute("translatedKeyword", "");
      i.setAttribute("text", "Ünïcødé ✓");
      itext.appendChild(i);
      root.appendChild(text);
      root.appendChild(ztext);
      root.appendChild(itext);
      metadata.mergeTree("javax_imageio_png_1.0", root);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
        writer.setOutput(out);
        writer.write(new IIOImage(image, null, metadata));
      }
      return bytes.toByteArray();
    } finally {
      writer.dispose();
    }
  }

  private static IIOMetadataNode entry(String name, String keyword, String value) {
    IIOMetadataNode node = new IIOMetadataNode(name);
    node.setAttribute("keyword", keyword);
    if (value != null) {
      node.setAttribute("value", value);
    }
    return node;
  }

  /** Counts bytes read apart from bytes skipped. */
  private static final class CountingStream extends FilterInputStream {
    long bytesRead;
    long bytesSkipped;

    CountingStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      bytesRead += b < 0 ? 0 : 1;
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      bytesRead += Math.max(n, 0);
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(n);
      bytesSkipped += skipped;
      return skipped;
    }
  }
}
