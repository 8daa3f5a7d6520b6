package com.diffusionlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.diffusionlab.EmbeddedPostgresConfiguration;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/**
 * {@code dlab bench-queue} on a real PostgreSQL server, kept small: it measures every set-up with
 * 1, 2 and 4 nodes, writes the report, and leaves no database behind; bad options are refused,
 * every one named, before the server is touched.
 */
@SpringJUnitConfig(EmbeddedPostgresConfiguration.class)
class BenchQueueCommandIT {

  @Autowired EmbeddedPostgres postgres;

  @Test
  void measuresEverySetUpWritesTheReportAndDropsItsDatabase(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("queue.md");

    Dlab bench =
        Dlab.run(
            "bench-queue",
            "--db-url",
            postgres.getJdbcUrl("postgres", "postgres"),
            "--db-user",
            "postgres",
            "--database",
            "bench_queue_it",
            "--jobs",
            "200",
            "--threads",
            "2",
            "--repeats",
            "1",
            "--out",
            out.toString());

    assertThat(bench.exit()).as(bench.err()).isZero();
    String report = Files.readString(out);
    assertThat(report)
        .startsWith("# Job queue: claims per second")
        .contains("Measured by `dlab bench-queue` against a PostgreSQL server (PostgreSQL 18")
        .contains("| lock-and-fetch, every commit as the server does it | 2 | 4 |")
        .contains("| fetch-and-lock-on-execute | 2 | 1 |")
        .contains("| lock-and-fetch, the nodes' commits not waited for | 2 | 2 |")
        .contains("Target: at least 500 claims/s");
    assertThat(bench.err()).contains("executions/s");
    assertThat(
            new JdbcTemplate(postgres.getPostgresDatabase())
                .queryForObject(
                    "select count(*) from pg_database where datname = 'bench_queue_it'",
                    Long.class))
        .isZero();
  }

  @Test
  void badOptionsAreRefusedBeforeTheServerIsTouched() {
    Dlab refused =
        Dlab.run(
            "bench-queue",
            "--db-url",
            "jdbc:mysql://db/x",
            "--database",
            "Drop Table",
            "--jobs",
            "5",
            "--threads",
            "0,2",
            "--repeats",
            "11");

    assertThat(refused.exit()).isEqualTo(2);
    assertThat(refused.err())
        .contains("--db-url")
        .contains("jdbc:mysql://db/x")
        .contains("--database")
        .contains("--jobs")
        .contains("--threads")
        .contains("--repeats");
  }
}
