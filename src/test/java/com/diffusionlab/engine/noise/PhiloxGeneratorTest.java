package com.diffusionlab.engine.noise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Phaser;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PhiloxGeneratorTest {

  @Test
  void matchesThePublishedSeedZeroVector() {
    // DESIGN.md "Reference facts", the expected output documented in AUTOMATIC1111's
    // modules/rng_philox.py for Generator(seed=0).randn((3, 4))
    float[] expected = {
      -0.92466259f, -0.42534415f, -2.6438457f, 0.14518388f,
      -0.12086647f, -0.57972564f, -0.62285122f, -0.32838709f,
      -1.07454231f, -0.36314407f, -1.67105067f, 2.26550497f
    };

    float[] actual = new PhiloxGenerator(0).randn(3, 4);

    assertThat(actual).containsExactly(expected, within(1e-6f));
  }

  @Test
  void eachCallMovesToTheNextOffset() {
    PhiloxGenerator generator = new PhiloxGenerator(7);

    float[] first = generator.randn(64);
    float[] second = generator.randn(64);

    assertThat(generator.offset()).isEqualTo(2);
    assertThat(second).isNotEqualTo(first);
    assertThat(new PhiloxGenerator(7).randn(64)).isEqualTo(first);
  }

  @Test
  void elementIDependsOnlyOnSeedOffsetAndIndex() {
    // the counter holds the element index, so a longer draw extends a shorter one
    assertThat(new PhiloxGenerator(3).randn(100)).startsWith(new PhiloxGenerator(3).randn(10));
  }

  @Test
  void theHighHalfOfTheSeedIsPartOfTheKey() {
    assertThat(new PhiloxGenerator(1L << 32).randn(16))
        .isNotEqualTo(new PhiloxGenerator(0).randn(16));
  }

  @Test
  void looksStandardNormal() {
    float[] values = new PhiloxGenerator(12345).randn(4, 64, 64);
    double sum = 0;
    double squares = 0;
    for (float v : values) {
      sum += v;
      squares += v * v;
    }
    double mean = sum / values.length;
    // mean of 16384 standard normals has sd 1/128; 5 sd leaves no room for flakiness with a fixed
    // seed
    assertThat(mean).isCloseTo(0, within(5.0 / 128));
    assertThat(squares / values.length - mean * mean).isCloseTo(1, within(0.06));
  }

  @Test
  void interleavedOnTwoThreadsGivesTheSameNumbersAsAlone() throws Exception {
    int draws = 50;
    float[][] aloneA = drawAll(new PhiloxGenerator(1), draws);
    float[][] aloneB = drawAll(new PhiloxGenerator(2), draws);

    Phaser lockstep = new Phaser(2);
    CompletableFuture<float[][]> a =
        CompletableFuture.supplyAsync(
            () -> drawInLockstep(new PhiloxGenerator(1), draws, lockstep));
    CompletableFuture<float[][]> b =
        CompletableFuture.supplyAsync(
            () -> drawInLockstep(new PhiloxGenerator(2), draws, lockstep));

    assertThat(a.get(30, TimeUnit.SECONDS)).isDeepEqualTo(aloneA);
    assertThat(b.get(30, TimeUnit.SECONDS)).isDeepEqualTo(aloneB);
  }

  @Test
  void emptyShapeIsOneScalarAndZeroDimensionIsEmpty() {
    assertThat(new PhiloxGenerator(0).randn()).hasSize(1);
    assertThat(new PhiloxGenerator(0).randn(4, 0, 8)).isEmpty();
  }

  @Test
  void rejectsNegativeAndOversizedShapes() {
    PhiloxGenerator generator = new PhiloxGenerator(0);

    assertThatThrownBy(() -> generator.randn(2, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[2, -1]")
        .hasMessageContaining("negative");
    assertThatThrownBy(() -> generator.randn(1 << 20, 1 << 20))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("elements");
    assertThat(generator.offset()).isZero();
  }

  private static float[][] drawAll(NoiseGenerator generator, int draws) {
    float[][] out = new float[draws][];
    for (int i = 0; i < draws; i++) {
      out[i] = generator.randn(4, 8);
    }
    return out;
  }

  private static float[][] drawInLockstep(NoiseGenerator generator, int draws, Phaser lockstep) {
    float[][] out = new float[draws][];
    for (int i = 0; i < draws; i++) {
      out[i] = generator.randn(4, 8);
      lockstep.arriveAndAwaitAdvance();
    }
    return out;
  }
}
