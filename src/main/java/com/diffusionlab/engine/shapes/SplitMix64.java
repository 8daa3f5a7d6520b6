package com.diffusionlab.engine.shapes;

/**
 * Steele, Lea and Flood's SplitMix64 generator, written out here so that the dataset's numbers do
 * not depend on how a JDK version implements its own generators' bounded draws. Not thread-safe:
 * one per sample.
 */
final class SplitMix64 {

  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  private long state;

  SplitMix64(long seed) {
    this.state = seed;
  }

  /**
   * The generator of one item of a seeded sequence; neighbouring indices get unrelated streams
   * because both numbers pass through the mixing function before they meet.
   */
  static SplitMix64 forItem(long seed, long index) {
    return new SplitMix64(mix(mix(seed) ^ mix(index + GOLDEN_GAMMA)));
  }

  long nextLong() {
    state += GOLDEN_GAMMA;
    return mix(state);
  }

  /** Uniform in [0, 1), from the top 53 bits. */
  double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /**
   * Uniform in [0, bound) by multiplying the top 32 bits (Lemire's method without the rejection
   * step, whose bias is below 2^-28 for the small bounds used here).
   */
  int nextInt(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive, got " + bound);
    }
    return (int) (((nextLong() >>> 32) * bound) >>> 32);
  }

  /** Uniform in [low, high). */
  double uniform(double low, double high) {
    return low + (high - low) * nextDouble();
  }

  boolean chance(double probability) {
    return nextDouble() < probability;
  }

  <T> T pick(T[] values) {
    return values[nextInt(values.length)];
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
