package com.diffusionlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@code dlab bench-load} on an embedded PostgreSQL server that flushes every commit, for those
 * with no server of their own. Not part of the suite; run it with
 *
 * <pre>./mvnw test -Dtest=LoadBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * ({@code -Ddlab.bench.args="--seconds 30 --out target/load.md"} passes more options). Prints
 * progress and writes docs/benchmarks/load.md.
 */
class LoadBenchmark extends BenchmarkSupport {

  @Test
  void benchLoad() {
    assertThat(bench("bench-load")).isZero();
  }
}
