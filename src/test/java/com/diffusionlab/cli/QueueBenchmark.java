package com.diffusionlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@code dlab bench-queue} on an embedded PostgreSQL server, for those with no server of their own.
 * Not part of the suite; run it with
 *
 * <pre>./mvnw test -Dtest=QueueBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * ({@code -Ddlab.bench.args="--jobs 2000 --repeats 1"} passes more options). Prints progress and
 * writes docs/benchmarks/queue.md.
 */
class QueueBenchmark extends BenchmarkSupport {

  @Test
  void benchQueue() {
    assertThat(bench("bench-queue")).isZero();
  }
}
