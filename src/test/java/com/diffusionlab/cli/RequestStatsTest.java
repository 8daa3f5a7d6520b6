package com.diffusionlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * {@code dlab bench-load}'s figures: percentiles by nearest rank, answers counted by status, rates
 * over the phase's seconds, and the report they make.
 */
class RequestStatsTest {

  @Test
  void percentilesAreTheSmallestValuesWithThatShareAtOrBelowThem() {
    // 1 to 100 ms, shuffled: the p-th percentile of 100 values is the p-th smallest
    long[] nanos =
        LongStream.rangeClosed(1, 100).map(ms -> ((ms * 37) % 100 + 1) * 1_000_000).toArray();

    RequestStats.Percentiles percentiles = RequestStats.Percentiles.of(nanos);

    assertThat(percentiles).isEqualTo(new RequestStats.Percentiles(50.0, 95.0, 99.0, 100.0));
  }

  @Test
  void nearestRankOfFewValues() {
    long[] sorted = {10, 20, 30};

    assertThat(RequestStats.Percentiles.rank(sorted, 50)).isEqualTo(20);
    assertThat(RequestStats.Percentiles.rank(sorted, 95)).isEqualTo(30);
    assertThat(RequestStats.Percentiles.rank(sorted, 0)).isEqualTo(10);
    assertThat(RequestStats.Percentiles.of(new long[] {7_000_000}))
        .isEqualTo(new RequestStats.Percentiles(7, 7, 7, 7));
    assertThat(RequestStats.Percentiles.of(new long[0]))
        .isEqualTo(new RequestStats.Percentiles(0, 0, 0, 0));
  }

  @Test
  void answersAreCountedByStatusAndFailuresApart() throws InterruptedException {
    RequestStats stats = new RequestStats("GET /runs/{id}");
    Thread[] clients = new Thread[4];
    for (int c = 0; c < clients.length; c++) {
      clients[c] =
          Thread.ofPlatform()
              .start(
                  () -> {
                    for (int i = 0; i < 1000; i++) {
                      stats.record(200, 2_000_000);
                    }
                  });
    }
    for (Thread client : clients) {
      client.join();
    }
    stats.record(503, 1_000_000);
    stats.record(429, 1_000_000);
    stats.record(404, 1_000_000);
    stats.failed();

    RequestStats.Summary summary = stats.summary(2.0);

    assertThat(summary.answers()).isEqualTo(4003);
    assertThat(summary.serverErrors()).isEqualTo(1);
    assertThat(summary.refused()).isEqualTo(2);
    assertThat(summary.failed()).isEqualTo(1);
    assertThat(summary.perSecond()).isEqualTo(2001.5);
    assertThat(summary.latency().p50()).isEqualTo(2.0);
    assertThat(summary.latency().max()).isEqualTo(2.0);
  }

  @Test
  void aRunWhoseSubmissionGotNoAnswerIsAccountedForButNoMore() {
    List<Long> unexpected = List.of(7L);

    assertThat(
            new JobAccounting(
                    1, Map.of("QUEUED", 1), List.of(), unexpected, 1, List.of(), List.of())
                .nothingLost())
        .isTrue();
    assertThat(
            new JobAccounting(
                    1, Map.of("QUEUED", 1), List.of(), unexpected, 0, List.of(), List.of())
                .nothingLost())
        .isFalse();
    assertThat(
            new JobAccounting(
                    1, Map.of("QUEUED", 1), List.of(), List.of(), 0, List.of(3L), List.of())
                .nothingLost())
        .isFalse();
  }

  @Test
  void theReportFailsOnA5xxOrALostJob() {
    RequestStats.Summary clean =
        RequestStats.Summary.of("GET /runs/{id}", new long[] {1_000_000}, 0, 0, 0, 1);
    RequestStats.Summary broken =
        RequestStats.Summary.of("POST /generations", new long[] {1_000_000}, 1, 0, 0, 1);
    JobAccounting none =
        new JobAccounting(1, Map.of("SUCCEEDED", 1), List.of(), List.of(), 0, List.of(), List.of());
    JobAccounting lost =
        new JobAccounting(2, Map.of("QUEUED", 1), List.of(9L), List.of(), 0, List.of(), List.of());
    HotMethods hot =
        new HotMethods(10, 0.5, Map.of("Tomcat (HTTP server)", 10), Map.of("Standings.of", 5));
    LoadClients.Mixed mixed =
        new LoadClients.Mixed(
            2, 1, clean, clean, List.of(1L), List.of(1L), Map.of("SUCCEEDED", 1), 0);
    LoadReport.WithWorker withWorker =
        new LoadReport.WithWorker("a cookie", 1, 2, 250, 4, mixed, none, 2, clean, hot);

    LoadReport passed =
        new LoadReport(
            "H2",
            withWorker,
            new LoadReport.WithoutWorker(2, 1, 1, clean, hot, clean, hot, clean, hot, none),
            "0.1",
            "0.2");
    LoadReport serverError =
        new LoadReport(
            "H2",
            withWorker,
            new LoadReport.WithoutWorker(2, 1, 1, broken, hot, clean, hot, clean, hot, none),
            "0.1",
            "0.2");
    LoadReport jobLost =
        new LoadReport(
            "H2",
            withWorker,
            new LoadReport.WithoutWorker(2, 1, 1, clean, hot, clean, hot, clean, hot, lost),
            "0.1",
            "0.2");

    assertThat(passed.passed()).isTrue();
    assertThat(passed.markdown())
        .startsWith("# Load test of the REST API")
        .contains("## Result: no 5xx, every request answered, no job lost")
        .contains(
            "| (b) ended runs | GET /runs/{id} | 1 | 1.0 | 1.0 | 1.0 | 1.0 | 1.0 | 0 | 0 | 0 |")
        .contains("| `Standings.of` | 50.0% |")
        .contains("## Predicted before these were first measured");
    assertThat(serverError.passed()).isFalse();
    assertThat(jobLost.passed()).isFalse();
    assertThat(jobLost.markdown())
        .contains("## Result: FAILED")
        .contains("missing 1")
        .contains("JOBS LOST");
  }
}
