package com.diffusionlab.engine.text;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A thread-safe memo with a fixed ceiling on its entries. When full it starts over rather than
 * tracking recency: the words of prompts repeat heavily, so the hot ones return at once, and no
 * lock is ever taken on the read path.
 */
final class BoundedCache<K, V> {

  private final Map<K, V> entries = new ConcurrentHashMap<>();
  private final int capacity;

  BoundedCache(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
    }
    this.capacity = capacity;
  }

  V get(K key, Function<K, V> compute) {
    V cached = entries.get(key);
    if (cached != null) {
      return cached;
    }
    V value = compute.apply(key);
    if (entries.size() >= capacity) {
      entries.clear();
    }
    entries.put(key, value);
    return value;
  }

  int size() {
    return entries.size();
  }
}
