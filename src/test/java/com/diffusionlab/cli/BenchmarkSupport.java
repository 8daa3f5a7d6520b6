package com.diffusionlab.cli;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;
import picocli.CommandLine;

/**
 * A {@code dlab bench-…} command on an embedded PostgreSQL server, for those with no server of
 * their own; {@code -Ddlab.bench.args="…"} passes more options.
 */
@SpringJUnitConfig(BenchmarkSupport.Server.class)
abstract class BenchmarkSupport {

  /**
   * A server that flushes its WAL on every commit, as PostgreSQL does by default (the other tests'
   * embedded server runs with fsync off). Spring closes it; closing it in the test would make the
   * JVM wait at exit.
   */
  @TestConfiguration(proxyBeanMethods = false)
  static class Server {
    @Bean(destroyMethod = "close")
    EmbeddedPostgres durablePostgres() throws IOException {
      return EmbeddedPostgres.builder()
          .setServerConfig("fsync", "on")
          .setServerConfig("synchronous_commit", "on")
          .start();
    }
  }

  @Autowired EmbeddedPostgres postgres;

  /** Runs {@code command} on the server, printing as it goes; its exit status. */
  int bench(String command) {
    List<String> args =
        new ArrayList<>(
            List.of(
                command,
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
    return cli.execute(args.toArray(String[]::new));
  }
}
