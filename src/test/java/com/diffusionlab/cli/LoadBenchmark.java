package com.diffusionlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;
import picocli.CommandLine;

/**
 * {@code dlab bench-load} on an embedded PostgreSQL server that flushes every commit (the one of
 * {@link QueueBenchmark}), for those with no server of their own. Not part of the suite; run it
 * with
 *
 * <pre>./mvnw test -Dtest=LoadBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * ({@code -Ddlab.bench.args="--seconds 30 --out target/load.md"} passes more options). Prints
 * progress and writes docs/benchmarks/load.md.
 */
@SpringJUnitConfig(QueueBenchmark.Server.class)
class LoadBenchmark {

  @Autowired EmbeddedPostgres postgres;

  @Test
  void benchLoad() {
    List<String> args =
        new ArrayList<>(
            List.of(
                "bench-load",
                "--db-url",
                postgres.getJdbcUrl("postgres", "postgres"),
                "--db-user",
                "postgres"));
    String more = System.getProperty("dlab.bench.args", "").strip();
    if (!more.isEmpty()) {
      args.addAll(List.of(more.split("\\s+")));
    }
    CommandLine cli = DlabCommand.commandLine();
    cli.setOut(new PrintWriter(System.out, true));
    cli.setErr(new PrintWriter(System.err, true));

    assertThat(cli.execute(args.toArray(String[]::new))).isZero();
  }
}
