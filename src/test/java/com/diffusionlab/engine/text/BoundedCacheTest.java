package com.diffusionlab.engine.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BoundedCacheTest {

  @Test
  void computesEachKeyOnceWhileItStays() {
    AtomicInteger computed = new AtomicInteger();
    BoundedCache<String, Integer> cache = new BoundedCache<>(10);
    assertThat(cache.get("ab", key -> computed.incrementAndGet() + key.length())).isEqualTo(3);
    assertThat(cache.get("ab", key -> computed.incrementAndGet() + key.length())).isEqualTo(3);
    assertThat(computed).hasValue(1);
  }

  @Test
  void neverHoldsMoreThanItsCapacity() {
    BoundedCache<Integer, Integer> cache = new BoundedCache<>(3);
    for (int key = 0; key < 100; key++) {
      assertThat(cache.get(key, k -> k * 2)).isEqualTo(key * 2);
      assertThat(cache.size()).isLessThanOrEqualTo(3);
    }
  }

  @Test
  void refusesANonPositiveCapacity() {
    assertThatThrownBy(() -> new BoundedCache<String, String>(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("capacity must be at least 1, got 0");
  }
}
