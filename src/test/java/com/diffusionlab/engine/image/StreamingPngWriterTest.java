package com.diffusionlab.engine.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class StreamingPngWriterTest {
  private static final List<PngText> TEXTS =
      List.of(PngText.of("Software", "Diffusion Lab"), PngText.of("Title", "sweep: café 猫"));

  private static RgbImage random(int width, int height, long seed) {
    byte[] rgb = new byte[width * height * 3];
    new SplittableRandom(seed).nextBytes(rgb);
    return new RgbImage(width, height, rgb);
  }

  /** The image written row by row, each row from its own array at an offset. */
  private static byte[] stream(RgbImage image, List<PngText> texts) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int rowLength = image.width() * 3;
    try (StreamingPngWriter png =
        StreamingPngWriter.open(out, image.width(), image.height(), texts)) {
      for (int y = 0; y < image.height(); y++) {
        byte[] padded = new byte[rowLength + 5];
        System.arraycopy(image.rgb(), y * rowLength, padded, 5, rowLength);
        png.writeRow(padded, 5);
      }
      assertThat(png.rowsWritten()).isEqualTo(image.height());
    }
    return out.toByteArray();
  }

  @Test
  void imageIoAndImageFilesDecodeTheExactPixelsWritten() throws IOException {
    for (int[] size : new int[][] {{1, 1}, {3, 7}, {1000, 3}, {2, 300}}) {
      RgbImage image = random(size[0], size[1], size[0] * 31L + size[1]);

      byte[] png = stream(image, TEXTS);

      BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(png));
      int[] argb = decoded.getRGB(0, 0, image.width(), image.height(), null, 0, image.width());
      for (int i = 0; i < argb.length; i++) {
        argb[i] &= 0xFFFFFF;
      }
      assertThat(argb).as("%dx%d", size[0], size[1]).isEqualTo(image.toPackedRgb());
      assertThat(new ImageFiles(1 << 20).readRgb(new ByteArrayInputStream(png))).isEqualTo(image);
    }
  }

  @Test
  void writesTheSameBytesAsTheWholeImageWriter() throws IOException {
    // 300×200 of noise compresses to several 64 KiB IDAT chunks.
    for (RgbImage image : List.of(random(300, 200, 5), PngWriterTest.gradient(16, 16))) {
      assertThat(stream(image, TEXTS)).isEqualTo(new PngWriter().encode(image, TEXTS));
    }
  }

  @Test
  void chunksHaveValidCrcsAndTheOrderHeaderTextDataEnd() throws IOException {
    List<PngStructure.Chunk> chunks = PngStructure.chunks(stream(random(300, 200, 9), TEXTS));

    assertThat(PngStructure.types(chunks))
        .startsWith("IHDR", "tEXt", "iTXt", "IDAT", "IDAT")
        .endsWith("IDAT", "IEND");
    assertThat(chunks)
        .filteredOn(c -> c.type().equals("IDAT"))
        .allSatisfy(c -> assertThat(c.data().length).isBetween(1, 1 << 16));
    ByteBuffer header = ByteBuffer.wrap(chunks.getFirst().data());
    assertThat(header.getInt()).isEqualTo(300);
    assertThat(header.getInt()).isEqualTo(200);
    assertThat(header.get()).isEqualTo((byte) 8);
    assertThat(header.get()).isEqualTo((byte) 2);
    assertThat(PngStructure.inflatedImageDataLength(chunks)).isEqualTo(200L * (1 + 300 * 3));
  }

  @Test
  void metadataReaderReadsTheHeaderAndTexts() throws IOException {
    PngMetadata metadata = new PngMetadataReader().read(stream(random(3, 7, 1), TEXTS));

    assertThat(metadata.width()).isEqualTo(3);
    assertThat(metadata.height()).isEqualTo(7);
    assertThat(metadata.bitDepth()).isEqualTo(8);
    assertThat(metadata.colorType()).isEqualTo(2);
    assertThat(metadata.interlaced()).isFalse();
    assertThat(metadata.texts()).isEqualTo(TEXTS);
  }

  @Test
  void closingBeforeTheLastRowFailsAndWritesNoEnd() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StreamingPngWriter png = StreamingPngWriter.open(out, 4, 3, List.of());
    png.writeRow(new byte[12], 0);
    png.writeRow(new byte[12], 0);

    assertThatThrownBy(png::close)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("height 3 closed after 2 rows");
    assertThatThrownBy(() -> PngStructure.chunks(out.toByteArray()))
        .hasMessageContaining("cut short");
  }

  @Test
  void aRowBeyondTheHeightIsRefused() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (StreamingPngWriter png = StreamingPngWriter.open(out, 2, 1, List.of())) {
      png.writeRow(new byte[6], 0);

      assertThatThrownBy(() -> png.writeRow(new byte[6], 0))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("height 1 has all its rows; row 2 is one too many");
    }
    assertThat(PngStructure.types(PngStructure.chunks(out.toByteArray())))
        .containsExactly("IHDR", "IDAT", "IEND");
  }

  @Test
  void aRowShorterThanTheWidthIsRefused() throws IOException {
    try (StreamingPngWriter png =
        StreamingPngWriter.open(new ByteArrayOutputStream(), 4, 1, List.of())) {
      assertThatThrownBy(() -> png.writeRow(new byte[14], 3))
          .isInstanceOf(IndexOutOfBoundsException.class);
      png.writeRow(new byte[14], 2);
    }
  }

  @Test
  void badSizesAndTextWriteNothing() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    assertThatThrownBy(() -> StreamingPngWriter.open(out, 0, 5, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0x5");
    assertThatThrownBy(
            () -> StreamingPngWriter.open(out, StreamingPngWriter.MAX_WIDTH + 1, 1, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("width " + (StreamingPngWriter.MAX_WIDTH + 1))
        .hasMessageContaining("at most " + StreamingPngWriter.MAX_WIDTH);
    assertThatThrownBy(() -> StreamingPngWriter.open(out, 1, 1, List.of(PngText.of("a\tb", "tab"))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(out.size()).isZero();
  }
}
