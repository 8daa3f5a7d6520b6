package com.diffusionlab.engine.shapes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SplitMix64Test {

  @Test
  void matchesTheReferenceSequence() {
    // Vigna's splitmix64.c seeded with 1234567, as Rosetta Code's "Pseudo-random
    // numbers/Splitmix64"
    // task lists its first five outputs (unsigned)
    SplitMix64 random = new SplitMix64(1234567);
    for (String expected :
        new String[] {
          "6457827717110365317",
          "3203168211198807973",
          "9817491932198370423",
          "4593380528125082431",
          "16408922859458223821"
        }) {
      assertThat(random.nextLong()).isEqualTo(Long.parseUnsignedLong(expected));
    }
  }

  @Test
  void boundedDrawsStayInRangeAndReachEveryValue() {
    SplitMix64 random = new SplitMix64(5);
    int[] counts = new int[7];
    for (int i = 0; i < 7000; i++) {
      counts[random.nextInt(7)]++;
    }
    // 1000 expected each, standard deviation about 29
    for (int count : counts) {
      assertThat(count).isBetween(850, 1150);
    }
    for (int i = 0; i < 1000; i++) {
      assertThat(random.uniform(2.5, 3.0)).isGreaterThanOrEqualTo(2.5).isLessThan(3.0);
    }
  }

  @Test
  void itemsOfOneSeedGetUnrelatedStreams() {
    long first = SplitMix64.forItem(1, 0).nextLong();
    assertThat(SplitMix64.forItem(1, 0).nextLong()).isEqualTo(first);
    assertThat(SplitMix64.forItem(1, 1).nextLong()).isNotEqualTo(first);
    assertThat(SplitMix64.forItem(2, 0).nextLong()).isNotEqualTo(first);
    // item i's second draw must not be item i+1's first, as it would be with seeds one gamma apart
    SplitMix64 item = SplitMix64.forItem(1, 5);
    item.nextLong();
    assertThat(item.nextLong()).isNotEqualTo(SplitMix64.forItem(1, 6).nextLong());
  }

  @Test
  void refusesAnEmptyRange() {
    assertThatThrownBy(() -> new SplitMix64(1).nextInt(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("bound must be positive, got 0");
  }
}
