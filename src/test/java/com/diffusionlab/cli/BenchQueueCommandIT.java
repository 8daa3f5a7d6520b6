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
 * 1, 2 and 4 nodes, the workspace's overhead per job and its submissions per second, replays the
 * recorded estimates workload, writes the report, and leaves no database behind; bad options are
 * refused, every one named, before the server is touched.
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
            "--generations",
            "2",
            "--submissions",
            "100",
            "--clients",
            "4",
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
        .contains("Target: at least 500 claims/s")
        .contains("## Scheduling overhead per job against generation time")
        .contains("| the engine (encode, 20 steps, decode) |")
        .contains("## REST submissions accepted per second")
        .contains("(100 accepted in")
        .contains("784 runs/s on published figures")
        .contains("## The estimator's error on a recorded workload")
        .contains("| 20 or more runs seen |")
        .contains("## Predicted before these were first measured");
    assertThat(bench.err()).contains("executions/s");
    assertThat(
            new JdbcTemplate(postgres.getPostgresDatabase())
                .queryForObject(
                    "select count(*) from pg_database where datname like 'bench_queue_it%'",
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
            "11",
            "--generations",
            "0",
            "--submissions",
            "5",
            "--clients",
            "0",
            "--models",
            "no/such/folder",
            "--workload",
            "no/such/file.csv");

    assertThat(refused.exit()).isEqualTo(2);
    assertThat(refused.err())
        .contains("--db-url")
        .contains("jdbc:mysql://db/x")
        .contains("--database")
        .contains("--jobs")
        .contains("--threads")
        .contains("--repeats")
        .contains("--generations")
        .contains("--submissions")
        .contains("--clients")
        .contains("no/such/folder")
        .contains("no/such/file.csv");
  }
}
