package com.diffusionlab.engine.image;

import static com.diffusionlab.engine.image.HandMadePng.zlib;
import static com.diffusionlab.engine.image.ResizeTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFilesTest {
  private final ImageFiles files = new ImageFiles(1_000_000);

  @Test
  void readsRgbPngWrittenByImageIo(@TempDir Path dir) throws IOException {
    RgbImage expected = new RgbImage(7, 5, PngWriterTest.lcg(7 * 5 * 3, 1));
    BufferedImage image = new BufferedImage(7, 5, BufferedImage.TYPE_3BYTE_BGR);
    image.setRGB(0, 0, 7, 5, expected.toPackedRgb(), 0, 7);
    Path file = dir.resolve("in.png");
    ImageIO.write(image, "png", file.toFile());

    assertThat(files.readRgb(file)).isEqualTo(expected);
    try (InputStream in = Files.newInputStream(file)) {
      assertThat(files.readRgb(in)).isEqualTo(expected);
    }
  }

  @Test
  void greyIsReplicatedAsStoredWithoutJavaColourConversion() throws IOException {
    // Java's getRGB would turn grey 128 into 188 (it treats the grey as linear); Pillow keeps 128.
    BufferedImage grey = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_GRAY);
    grey.getRaster().setSamples(0, 0, 3, 1, 0, new int[] {0, 128, 255});

    RgbImage image = files.readRgb(stream(grey, "png"));

    assertThat(image.rgb()).containsExactly(bytes(0, 0, 0, 128, 128, 128, 255, 255, 255));
    assertThat(files.readMask(stream(grey, "png")).levels()).containsExactly(bytes(0, 128, 255));
  }

  @Test
  void sixteenBitSamplesKeepTheirHighByteAsPillow() throws IOException {
    BufferedImage grey = new BufferedImage(2, 1, BufferedImage.TYPE_USHORT_GRAY);
    grey.getRaster().setSamples(0, 0, 2, 1, 0, new int[] {0x8070, 0xFFFF});

    assertThat(files.readRgb(stream(grey, "png")).rgb())
        .containsExactly(bytes(0x80, 0x80, 0x80, 0xFF, 0xFF, 0xFF));
  }

  @Test
  void paletteImagesGiveTheirColours() throws IOException {
    IndexColorModel palette =
        new IndexColorModel(2, 3, bytes(255, 0, 10), bytes(0, 255, 20), bytes(0, 0, 30));
    BufferedImage indexed = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_BINARY, palette);
    indexed.getRaster().setSamples(0, 0, 3, 1, 0, new int[] {2, 0, 1});

    assertThat(files.readRgb(stream(indexed, "png")).rgb())
        .containsExactly(bytes(10, 20, 30, 255, 0, 0, 0, 255, 0));
  }

  @Test
  void maskIsTheAlphaWhenNotFullyOpaque() throws IOException {
    BufferedImage rgba = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
    rgba.setRGB(0, 0, 0xFF_10_20_30);
    rgba.setRGB(1, 0, 0x40_50_60_70);

    assertThat(files.readMask(stream(rgba, "png")).levels()).containsExactly(bytes(0xFF, 0x40));
    // Alpha is dropped from the colour, not composited.
    assertThat(files.readRgb(stream(rgba, "png")).rgb())
        .containsExactly(bytes(0x10, 0x20, 0x30, 0x50, 0x60, 0x70));
  }

  @Test
  void maskOfAnOpaqueColourImageIsPillowsLuma() throws IOException {
    BufferedImage rgba = new BufferedImage(4, 1, BufferedImage.TYPE_INT_ARGB);
    rgba.setRGB(0, 0, 4, 1, new int[] {0xFFFF0000, 0xFF00FF00, 0xFF0000FF, 0xFFFFFFFF}, 0, 4);

    // (19595 R + 38470 G + 7471 B + 32768) >> 16, by hand: red 5029493 >> 16 = 76,
    // green 9842618 >> 16 = 150, blue 1937873 >> 16 = 29, white 16744448 >> 16 = 255.
    assertThat(files.readMask(stream(rgba, "png")).levels())
        .containsExactly(bytes(76, 150, 29, 255));
  }

  @Test
  void greyWithAlphaPngUsesAlphaForTheMask() throws IOException {
    // Colour type 4 (grey + alpha), 2×1: (100, opaque), (200, transparent); filter byte 0.
    byte[] png =
        HandMadePng.withHeader(2, 1, 4)
            .chunk("IDAT", zlib(bytes(0, 100, 255, 200, 0)))
            .chunk("IEND", new byte[0])
            .bytes();

    assertThat(files.readMask(new ByteArrayInputStream(png)).levels())
        .containsExactly(bytes(255, 0));
    assertThat(files.readRgb(new ByteArrayInputStream(png)).rgb())
        .containsExactly(bytes(100, 100, 100, 200, 200, 200));
  }

  @Test
  void readsJpegWithinCompressionError() throws IOException {
    BufferedImage flat = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 16; y++) {
      for (int x = 0; x < 16; x++) {
        flat.setRGB(x, y, 0xC86432);
      }
    }

    RgbImage image = files.readRgb(stream(flat, "jpeg"));

    assertThat(image.width()).isEqualTo(16);
    for (int i = 0; i < image.rgb().length; i += 3) {
      assertThat(image.rgb()[i] & 0xFF).isBetween(0xC8 - 3, 0xC8 + 3);
      assertThat(image.rgb()[i + 1] & 0xFF).isBetween(0x64 - 3, 0x64 + 3);
      assertThat(image.rgb()[i + 2] & 0xFF).isBetween(0x32 - 3, 0x32 + 3);
    }
  }

  @Test
  void refusesImagesAboveThePixelLimitNamingSizeAndLimit() throws IOException {
    ImageFiles small = new ImageFiles(15);
    BufferedImage image = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);

    assertThatThrownBy(() -> small.readRgb(stream(image, "png")))
        .isInstanceOf(ImageInputException.class)
        .hasMessageContaining("PNG image is 4x4 = 16 pixels, above the limit of 15 pixels");
    assertThatThrownBy(() -> small.readMask(stream(image, "jpeg")))
        .isInstanceOf(ImageInputException.class)
        .hasMessageContaining("JPEG image is 4x4 = 16 pixels, above the limit of 15 pixels");
    assertThat(new ImageFiles(16).readRgb(stream(image, "png")).width()).isEqualTo(4);
  }

  @Test
  void checksTheHeaderSizeBeforeDecodingAnything() {
    // 100000 × 100000 RGB would need 30 GB; the image data is not even valid.
    byte[] png =
        HandMadePng.withHeader(100_000, 100_000, 2)
            .chunk("IDAT", bytes(1, 2, 3))
            .chunk("IEND", new byte[0])
            .bytes();

    assertThatThrownBy(() -> files.readRgb(new ByteArrayInputStream(png)))
        .isInstanceOf(ImageInputException.class)
        .hasMessageContaining("100000x100000 = 10000000000 pixels, above the limit of 1000000");
  }

  @Test
  void refusesOtherFormatsAndNonImages() throws IOException {
    BufferedImage image = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);

    for (String format : List.of("gif", "bmp")) {
      assertThatThrownBy(() -> files.readRgb(stream(image, format)))
          .isInstanceOf(ImageInputException.class)
          .hasMessageContaining("not a PNG or JPEG image");
    }
    assertThatThrownBy(() -> files.readRgb(new ByteArrayInputStream(HandMadePng.latin1("hello"))))
        .isInstanceOf(ImageInputException.class)
        .hasMessageContaining("not a PNG or JPEG image");
  }

  @Test
  void reportsCorruptImageDataWithTheFileName(@TempDir Path dir) throws IOException {
    byte[] png =
        HandMadePng.withHeader(4, 4, 2)
            .chunk("IDAT", bytes(0x78, 0x9C, 0xFF, 0xFF, 0xFF, 0xFF))
            .chunk("IEND", new byte[0])
            .bytes();
    Path file = dir.resolve("corrupt.png");
    Files.write(file, png);

    assertThatThrownBy(() -> files.readRgb(file))
        .isInstanceOf(ImageInputException.class)
        .hasMessageStartingWith(file + ": cannot decode the PNG image");
  }

  @Test
  void refusesANonPositiveLimit() {
    assertThatThrownBy(() -> new ImageFiles(0)).hasMessageContaining("maxPixels is 0");
  }

  private static InputStream stream(BufferedImage image, String format) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    assertThat(ImageIO.write(image, format, bytes)).isTrue();
    return new ByteArrayInputStream(bytes.toByteArray());
  }
}
