package com.diffusionlab.engine.shapes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import com.diffusionlab.engine.image.RgbImage;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The renderer against shapes defined here from the dataset's specification (no Java2D): white on
 * black, so a pixel's coverage is (value − 25) / (240 − 25) in every channel.
 */
class ShapeRendererTest {

  private static final ShapeRenderer RENDERER = new ShapeRenderer();

  /**
   * Java2D's antialiasing rasteriser counts coverage on its own grid of sub-pixels, which the
   * test's 8 × 8 point samples approximate differently along an edge (up to 0.09 seen, at corners
   * and star tips); a misplaced or mis-sized shape is off by whole pixels.
   */
  private static final double PIXEL_TOLERANCE = 0.1;

  /** Over the whole shape those differences mostly cancel (0.6 % seen). */
  private static final double AREA_TOLERANCE = 0.01;

  static Stream<Arguments> shapes() {
    double x = 31.3;
    double y = 33.6;
    double extent = 17.2;
    double half = extent / 2;
    double triangleHeight = extent * Math.sqrt(3) / 2;
    double outer = extent / (2 * Math.sin(Math.toRadians(72)));
    double starHeight = outer * (1 + Math.cos(Math.toRadians(36)));
    return Stream.of(
        Arguments.of(ShapeKind.CIRCLE, x, y, extent, Canvas.disc(x, y, half)),
        Arguments.of(
            ShapeKind.SQUARE,
            x,
            y,
            extent,
            Canvas.polygon(
                x - half, y - half, x + half, y - half, x + half, y + half, x - half, y + half)),
        Arguments.of(
            ShapeKind.TRIANGLE,
            x,
            y,
            extent,
            Canvas.polygon(
                x,
                y - triangleHeight / 2,
                x + half,
                y + triangleHeight / 2,
                x - half,
                y + triangleHeight / 2)),
        // point up: the first outer corner at -90°; its centre R below the box top
        Arguments.of(
            ShapeKind.STAR,
            x,
            y,
            extent,
            Canvas.star(x, y - starHeight / 2 + outer, 5, outer, 0.4 * outer, -90)),
        Arguments.of(ShapeKind.RING, x, y, extent, Canvas.annulus(x, y, half, 0.55 * half)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shapes")
  void coversEachPixelByTheShareTheShapeCovers(
      ShapeKind kind, double x, double y, double extent, Canvas.Region expected) {
    ShapeScene scene =
        new ShapeScene(
            kind,
            NamedColour.WHITE,
            SizeClass.LARGE,
            Position.CENTRE,
            NamedColour.BLACK,
            List.of(new PlacedShape(x, y, extent)));

    RgbImage image = RENDERER.render(scene);

    double renderedArea = 0;
    double expectedArea = 0;
    byte[] rgb = image.rgb();
    for (int py = 0; py < 64; py++) {
      for (int px = 0; px < 64; px++) {
        int p = py * 64 + px;
        double want = Canvas.coverage(expected, px, py);
        for (int c = 0; c < 3; c++) {
          double got = ((rgb[p * 3 + c] & 0xFF) - 25) / (240.0 - 25);
          assertThat(got)
              .as("pixel (%d, %d) channel %d", px, py, c)
              .isCloseTo(want, within(PIXEL_TOLERANCE));
        }
        renderedArea += ((rgb[p * 3] & 0xFF) - 25) / (240.0 - 25);
        expectedArea += want;
      }
    }
    assertThat(renderedArea).isCloseTo(expectedArea, withinPercentage(100 * AREA_TOLERANCE));
  }

  @Test
  void paintsTheSameBytesEveryTimeAndOnEveryThread() throws Exception {
    ShapeDataset dataset = new ShapeDataset(9);
    List<ShapeScene> scenes =
        Stream.iterate(0L, i -> i + 1).limit(50).map(i -> dataset.sample(i).scene()).toList();
    List<byte[]> first = scenes.stream().map(scene -> RENDERER.render(scene).rgb()).toList();
    try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
      List<Future<byte[]>> again =
          scenes.stream().map(scene -> pool.submit(() -> RENDERER.render(scene).rgb())).toList();
      for (int i = 0; i < scenes.size(); i++) {
        assertThat(again.get(i).get()).as("scene %d", i).isEqualTo(first.get(i));
      }
    }
  }

  @Test
  void leavesTheBackgroundUntouchedAwayFromTheShapes() {
    ShapeScene scene =
        new ShapeScene(
            ShapeKind.SQUARE,
            NamedColour.RED,
            SizeClass.SMALL,
            Position.LEFT,
            NamedColour.CYAN,
            List.of(new PlacedShape(16, 32, 10)));
    RgbImage image = RENDERER.render(scene);
    // the square spans x 11 to 21 and y 27 to 37 exactly: pixel (11, 27) is inside, (10, 27) not
    assertThat(pixel(image, 11, 27)).containsExactly(215, 25, 35);
    assertThat(pixel(image, 20, 36)).containsExactly(215, 25, 35);
    assertThat(pixel(image, 10, 27)).containsExactly(30, 200, 220);
    assertThat(pixel(image, 21, 36)).containsExactly(30, 200, 220);
    assertThat(pixel(image, 63, 0)).containsExactly(30, 200, 220);
  }

  private static int[] pixel(RgbImage image, int x, int y) {
    int p = (y * image.width() + x) * 3;
    return new int[] {image.rgb()[p] & 0xFF, image.rgb()[p + 1] & 0xFF, image.rgb()[p + 2] & 0xFF};
  }
}
