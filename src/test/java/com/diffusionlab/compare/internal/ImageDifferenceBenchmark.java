package com.diffusionlab.compare.internal;

import com.diffusionlab.engine.image.ImageFiles;
import com.diffusionlab.engine.image.PngWriter;
import com.diffusionlab.engine.image.RgbImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * How long {@link ImageDifferenceCalculator} takes for two 512×512 PNGs that differ by one level in
 * a third of their samples (a replay on another device), once the JIT is warm: the whole comparison
 * from PNG bytes, and its parts (decoding both, the figures and heatmap from decoded images). Not
 * part of the suite; run it with
 *
 * <pre>./mvnw test -Dtest=ImageDifferenceBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * and read the table it prints.
 */
class ImageDifferenceBenchmark {
  private static final int SIDE = 512;
  private static final int WARM_UP = 60;
  private static final int RUNS = 40;

  @Test
  void compareTwo512PixelPngs() throws IOException {
    RgbImage a = TestImages.withPattern(TestImages.gradient(SIDE, SIDE));
    byte[] noise = TestImages.noise(SIDE, SIDE, 7).rgb();
    byte[] shifted = a.rgb().clone();
    for (int i = 0; i < shifted.length; i++) {
      if ((noise[i] & 0xFF) % 3 == 0) {
        shifted[i] = (byte) ((shifted[i] & 0xFF) == 255 ? 254 : (shifted[i] & 0xFF) + 1);
      }
    }
    RgbImage b = new RgbImage(SIDE, SIDE, shifted);
    PngWriter png = new PngWriter();
    byte[] fileA = png.encode(a, List.of());
    byte[] fileB = png.encode(b, List.of());
    ImageDifferenceCalculator calculator = new ImageDifferenceCalculator((long) SIDE * SIDE);
    ImageFiles files = new ImageFiles((long) SIDE * SIDE);

    System.out.println(calculator.compare(fileA, fileB).figures());
    print("whole comparison from PNG bytes", () -> calculator.compare(fileA, fileB));
    print(
        "decoding both PNGs",
        () -> {
          files.readRgb(new ByteArrayInputStream(fileA));
          files.readRgb(new ByteArrayInputStream(fileB));
        });
    print("figures and heatmap of decoded images", () -> calculator.compare(a, b));
    print("SSIM alone", () -> StructuralSimilarity.mean(a, b));
  }

  private interface Work {
    void run() throws IOException;
  }

  private static void print(String name, Work work) throws IOException {
    for (int i = 0; i < WARM_UP; i++) {
      work.run();
    }
    double[] millis = new double[RUNS];
    for (int i = 0; i < RUNS; i++) {
      long start = System.nanoTime();
      work.run();
      millis[i] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(millis);
    System.out.printf(
        Locale.ROOT,
        "%-40s median %6.2f ms, fastest %6.2f ms, slowest %6.2f ms%n",
        name,
        millis[RUNS / 2],
        millis[0],
        millis[RUNS - 1]);
  }
}
