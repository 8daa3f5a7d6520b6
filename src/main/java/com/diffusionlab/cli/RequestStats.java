package com.diffusionlab.cli;

import java.util.Arrays;

/**
 * What one kind of request (e.g. {@code GET /runs/{id}}) did under {@code dlab bench-load}: each
 * answer's status and time, recorded by many client threads. Times are kept whole (a sorted array
 * gives exact percentiles); the benchmark's counts are bounded, so they fit in memory.
 */
final class RequestStats {

  private final String name;
  private long[] nanos = new long[1024];
  private int count;
  private int serverErrors;
  private int refused;
  private int failed;

  RequestStats(String name) {
    this.name = name;
  }

  /** An answer with {@code status}, {@code nanos} after the request was sent. */
  synchronized void record(int status, long nanos) {
    if (count == this.nanos.length) {
      this.nanos = Arrays.copyOf(this.nanos, count * 2);
    }
    this.nanos[count++] = nanos;
    if (status >= 500) {
      serverErrors++;
    } else if (status >= 400) {
      refused++;
    }
  }

  /** A request that got no answer (the connection failed or timed out). */
  synchronized void failed() {
    failed++;
  }

  /** The figures so far, as a rate over {@code seconds}. */
  synchronized Summary summary(double seconds) {
    return Summary.of(name, Arrays.copyOf(nanos, count), serverErrors, refused, failed, seconds);
  }

  /**
   * @param answers requests answered (any status)
   * @param serverErrors answers 500 to 599
   * @param refused answers 400 to 499
   * @param failed requests with no answer
   * @param perSecond answers per second over the phase
   * @param latency the answers' times
   */
  record Summary(
      String name,
      int answers,
      int serverErrors,
      int refused,
      int failed,
      double perSecond,
      Percentiles latency) {

    static Summary of(
        String name, long[] nanos, int serverErrors, int refused, int failed, double seconds) {
      return new Summary(
          name,
          nanos.length,
          serverErrors,
          refused,
          failed,
          seconds > 0 ? nanos.length / seconds : 0,
          Percentiles.of(nanos));
    }
  }

  /** Percentiles of times, in milliseconds, by nearest rank; all 0 when there are none. */
  record Percentiles(double p50, double p95, double p99, double max) {

    static Percentiles of(long[] nanos) {
      if (nanos.length == 0) {
        return new Percentiles(0, 0, 0, 0);
      }
      long[] sorted = nanos.clone();
      Arrays.sort(sorted);
      return new Percentiles(
          millis(rank(sorted, 50)),
          millis(rank(sorted, 95)),
          millis(rank(sorted, 99)),
          millis(sorted[sorted.length - 1]));
    }

    /** The smallest value with at least {@code percent}% of the values at or below it. */
    static long rank(long[] sorted, double percent) {
      int index = (int) Math.ceil(percent / 100 * sorted.length) - 1;
      return sorted[Math.clamp(index, 0, sorted.length - 1)];
    }

    private static double millis(long nanos) {
      return nanos / 1e6;
    }
  }
}
