package com.diffusionlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dlab bench-load} kept small, so that it cannot rot: a few clients for a few seconds on the
 * embedded database, every phase run, no 5xx, no job lost, the report written; bad options are
 * refused, every one named, before anything starts.
 */
class BenchLoadCommandIT {

  @Test
  void runsEveryPhaseWithNo5xxAndNoJobLost(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("load.md");

    Dlab bench =
        Dlab.run(
            "bench-load",
            "--clients",
            "3",
            "--seconds",
            "3",
            "--in-flight",
            "1",
            "--poll-millis",
            "50",
            "--steps",
            "2",
            "--readers",
            "2",
            "--reads",
            "40",
            "--submissions",
            "20",
            "--submitters",
            "2",
            "--out",
            out.toString());

    assertThat(bench.exit()).as(bench.err()).isZero();
    String report = Files.readString(out);
    assertThat(report)
        .startsWith("# Load test of the REST API")
        .contains("H2 (the embedded default)")
        .contains("## Result: no 5xx, every request answered, no job lost")
        .contains("| (a) mixed load | POST /generations |")
        .contains("| (a) mixed load | GET /runs/{id} |")
        .contains("| (b) ended runs | GET /runs/{id} | 40 |")
        .contains("| (c) submissions | POST /generations | 20 |")
        .contains("| (d) queued runs | GET /runs/{id} |")
        .contains("| (e) in the service | GenerationService.submit | 20 |")
        .containsPattern("No job lost \\(a\\): [1-9]\\d* accepted, in the database: SUCCEEDED=")
        // (c) and (e) with their warm-ups: 2 + 20 + 2 + 20, all still queued with their jobs
        .contains("No job lost (c, e): 44 accepted, in the database: QUEUED=44; missing 0")
        .contains("### (b) reading ended runs")
        .contains("| layer (innermost frame) | share of samples |")
        .contains("## Predicted before these were first measured");
    assertThat(bench.err()).contains("(a) 3 clients for 3 s").contains("no job lost");
  }

  @Test
  void badOptionsAreRefusedBeforeAnythingStarts() {
    Dlab refused =
        Dlab.run(
            "bench-load",
            "--db-url",
            "jdbc:mysql://db/x",
            "--database",
            "Drop Table",
            "--clients",
            "0",
            "--seconds",
            "0",
            "--in-flight",
            "17",
            "--reads",
            "5",
            "--credential",
            "token",
            "--models",
            "no/such/folder");

    assertThat(refused.exit()).isEqualTo(2);
    assertThat(refused.err())
        .contains("--db-url")
        .contains("jdbc:mysql://db/x")
        .contains("--database")
        .contains("--clients")
        .contains("--seconds")
        .contains("--in-flight")
        .contains("--reads")
        .contains("--credential")
        .contains("no/such/folder");
  }
}
