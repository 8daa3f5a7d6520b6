package com.diffusionlab.compare.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.diffusionlab.compare.ImageDifference;
import com.diffusionlab.engine.image.ImageInputException;
import com.diffusionlab.engine.image.PngText;
import com.diffusionlab.engine.image.PngWriter;
import com.diffusionlab.engine.image.RgbImage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ImageDifferenceCalculatorTest {
  private final ImageDifferenceCalculator calculator = new ImageDifferenceCalculator(1 << 20);
  private final PngWriter png = new PngWriter();

  @Test
  void identicalPixelsHaveNoDifferenceAndABlackHeatmap() {
    RgbImage a = TestImages.gradient(40, 30);
    RgbImage b = new RgbImage(40, 30, a.rgb().clone());

    MeasuredDifference result = calculator.compare(a, b);

    ImageDifference figures = result.figures();
    assertThat(figures.identicalPixels()).isTrue();
    assertThat(figures.identicalBytes()).isFalse();
    assertThat(figures.width()).isEqualTo(40);
    assertThat(figures.height()).isEqualTo(30);
    assertThat(figures.maxAbsDifference()).isZero();
    assertThat(figures.meanAbsDifference()).isZero();
    assertThat(figures.differingPixels()).isZero();
    assertThat(figures.psnr()).isNull();
    assertThat(figures.ssim()).isEqualTo(1.0);
    assertThat(result.heatmap().width()).isEqualTo(40);
    assertThat(result.heatmap().height()).isEqualTo(30);
    assertThat(result.heatmap().rgb()).containsOnly(0);
  }

  @Test
  void constantOffsetOfTenGivesItsPsnr() {
    RgbImage a = pattern(24, 16, 245);
    byte[] shifted = a.rgb().clone();
    for (int i = 0; i < shifted.length; i++) {
      shifted[i] = (byte) ((shifted[i] & 0xFF) + 10);
    }

    ImageDifference figures = calculator.compare(a, new RgbImage(24, 16, shifted)).figures();

    assertThat(figures.identicalPixels()).isFalse();
    assertThat(figures.maxAbsDifference()).isEqualTo(10);
    assertThat(figures.meanAbsDifference()).isEqualTo(10.0);
    assertThat(figures.differingPixels()).isEqualTo(24 * 16);
    assertThat(figures.psnr()).isCloseTo(20 * Math.log10(255 / 10.0), within(1e-9));
    assertThat(figures.psnr()).isCloseTo(28.13, within(0.005));
    assertThat(figures.ssim()).isLessThan(1.0);
  }

  @Test
  void oneChangedPixelIsTheOnlyOneCountedAndTheOnlyBrightOne() {
    RgbImage a = TestImages.gradient(20, 12);
    byte[] changed = a.rgb().clone();
    int pixel = 3 * 20 + 5;
    changed[pixel * 3 + 1] = (byte) ((changed[pixel * 3 + 1] & 0xFF) + 37);

    MeasuredDifference result = calculator.compare(a, new RgbImage(20, 12, changed));

    ImageDifference figures = result.figures();
    assertThat(figures.differingPixels()).isEqualTo(1);
    assertThat(figures.maxAbsDifference()).isEqualTo(37);
    assertThat(figures.meanAbsDifference()).isCloseTo(37.0 / (20 * 12 * 3), within(1e-12));
    assertThat(figures.psnr())
        .isCloseTo(10 * Math.log10(255.0 * 255 / (37.0 * 37 / (20 * 12 * 3))), within(1e-9));
    int[] heat = result.heatmap().toPackedRgb();
    for (int p = 0; p < heat.length; p++) {
      assertThat(heat[p]).as("heatmap pixel %d", p).isEqualTo(p == pixel ? 0xFFFFFF : 0);
    }
  }

  @Test
  void heatmapShowsDifferencesOfOneLevel() {
    RgbImage a = TestImages.gradient(8, 8);
    byte[] changed = a.rgb().clone();
    changed[0] ^= 1; // pixel 0: one level
    changed[3 * 10 + 2] ^= 2; // pixel 10: two levels (bit 1 flipped)

    int[] heat = calculator.compare(a, new RgbImage(8, 8, changed)).heatmap().toPackedRgb();

    assertThat(heat[10]).isEqualTo(0xFFFFFF);
    assertThat(heat[0]).isNotZero().isNotEqualTo(0xFFFFFF);
    assertThat(heat[1]).isZero();
  }

  static Stream<Arguments> referencePairs() {
    return Stream.of(
        pair(
            "gradient 64x48 vs gradient with pattern",
            () -> TestImages.gradient(64, 48),
            TestImages::withPattern,
            0.7961081525215761),
        pair(
            "gradient 64x48 vs box blurred",
            () -> TestImages.gradient(64, 48),
            TestImages::boxBlurred,
            0.9988325739987146),
        pair(
            "noise 7x5 seed 3 vs box blurred (window 7x5)",
            () -> TestImages.noise(7, 5, 3),
            TestImages::boxBlurred,
            0.16376573328241759),
        pair(
            "noise 20x3 seed 4 vs with pattern (window 11x3)",
            () -> TestImages.noise(20, 3, 4),
            TestImages::withPattern,
            0.9963002738774077),
        Arguments.of(
            "noise 32x24 seed 1 vs noise seed 2",
            TestImages.noise(32, 24, 1),
            TestImages.noise(32, 24, 2),
            -0.014879814788855328),
        Arguments.of(
            "1x1 (10, 20, 30) vs (12, 20, 25)",
            new RgbImage(1, 1, new byte[] {10, 20, 30}),
            new RgbImage(1, 1, new byte[] {12, 20, 25}),
            0.9892360855478453));
  }

  /** Expected values: src/test/resources/compare/ssim_reference.py (numpy, float64). */
  @ParameterizedTest(name = "{0}")
  @MethodSource("referencePairs")
  void ssimMatchesTheNumpyReference(String name, RgbImage a, RgbImage b, double expected) {
    assertThat(calculator.compare(a, b).figures().ssim()).isCloseTo(expected, within(1e-6));
  }

  @Test
  void ssimIsSymmetric() {
    RgbImage a = TestImages.gradient(30, 20);
    RgbImage b = TestImages.withPattern(a);

    assertThat(calculator.compare(a, b).figures().ssim())
        .isCloseTo(calculator.compare(b, a).figures().ssim(), within(1e-15));
  }

  @Test
  void imagesOfDifferentSizesHaveANoteInsteadOfFigures() {
    byte[] small = png.encode(TestImages.gradient(64, 64), List.of());
    byte[] large = png.encode(TestImages.gradient(128, 128), List.of());

    MeasuredDifference result = calculator.compare(small, large);

    ImageDifference figures = result.figures();
    assertThat(figures.sizesMatch()).isFalse();
    assertThat(figures.note()).startsWith("A is 64×64, B is 128×128");
    assertThat(figures.identicalBytes()).isFalse();
    assertThat(figures.identicalPixels()).isFalse();
    assertThat(figures.width()).isNull();
    assertThat(figures.maxAbsDifference()).isNull();
    assertThat(figures.meanAbsDifference()).isNull();
    assertThat(figures.psnr()).isNull();
    assertThat(figures.ssim()).isNull();
    assertThat(figures.differingPixels()).isNull();
    assertThat(result.heatmap()).isNull();
  }

  @Test
  void samePixelsInDifferentFilesAreIdenticalPixelsButNotIdenticalBytes() {
    RgbImage image = TestImages.gradient(16, 16);
    byte[] plain = png.encode(image, List.of());
    byte[] withText = png.encode(image, List.of(PngText.of("parameters", "a cat, Steps: 20")));

    ImageDifference figures = calculator.compare(plain, withText).figures();

    assertThat(figures.identicalBytes()).isFalse();
    assertThat(figures.identicalPixels()).isTrue();
    assertThat(figures.ssim()).isEqualTo(1.0);
  }

  @Test
  void theSameFileTwiceIsIdenticalBytes() {
    byte[] file = png.encode(TestImages.gradient(16, 16), List.of());

    ImageDifference figures = calculator.compare(file, file.clone()).figures();

    assertThat(figures.identicalBytes()).isTrue();
    assertThat(figures.identicalPixels()).isTrue();
    assertThat(figures.width()).isEqualTo(16);
  }

  @Test
  void differentFilesAreComparedByTheirDecodedPixels() {
    RgbImage a = TestImages.gradient(64, 48);
    RgbImage b = TestImages.withPattern(a);

    ImageDifference fromFiles =
        calculator.compare(png.encode(a, List.of()), png.encode(b, List.of())).figures();

    assertThat(fromFiles).isEqualTo(calculator.compare(a, b).figures());
  }

  @Test
  void anUndecodableFileIsNamed() {
    byte[] good = png.encode(TestImages.gradient(8, 8), List.of());
    byte[] bad = "not an image".getBytes(StandardCharsets.US_ASCII);

    assertThatThrownBy(() -> calculator.compare(good, bad))
        .isInstanceOf(ImageInputException.class)
        .hasMessageStartingWith("image B: ");
  }

  @Test
  void anImageAboveThePixelLimitIsRefused() {
    ImageDifferenceCalculator small = new ImageDifferenceCalculator(100);
    byte[] file = png.encode(TestImages.gradient(16, 16), List.of());

    assertThatThrownBy(() -> small.compare(file, file))
        .isInstanceOf(ImageInputException.class)
        .hasMessageStartingWith("image A: ")
        .hasMessageContaining("above the limit of 100 pixels");
  }

  private static Arguments pair(
      String name, Supplier<RgbImage> first, UnaryOperator<RgbImage> second, double expected) {
    RgbImage a = first.get();
    return Arguments.of(name, a, second.apply(a), expected);
  }

  /** Channel values {@code (3x + 5y + 7c) mod (top + 1)}, all at most {@code top}. */
  private static RgbImage pattern(int width, int height, int top) {
    byte[] rgb = new byte[width * height * 3];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        for (int c = 0; c < 3; c++) {
          rgb[(y * width + x) * 3 + c] = (byte) ((x * 3 + y * 5 + c * 7) % (top + 1));
        }
      }
    }
    return new RgbImage(width, height, rgb);
  }
}
