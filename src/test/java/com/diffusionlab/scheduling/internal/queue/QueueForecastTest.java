package com.diffusionlab.scheduling.internal.queue;

import static org.assertj.core.api.Assertions.assertThat;

import com.diffusionlab.scheduling.QueuePlace;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueueForecastTest {

  private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

  /** A job at a fair-share tag {@code tag} seconds after the epoch. */
  private static QueueForecast.Job job(long runId, int priority, long tag, double seconds) {
    return new QueueForecast.Job(runId, priority, FairShareClock.EPOCH.plusSeconds(tag), seconds);
  }

  private static QueueForecast.Node free(String name, int slots) {
    return new QueueForecast.Node(name, slots, List.of());
  }

  private static QueuePlace place(QueueForecast forecast, long runId) {
    return forecast.place(runId).orElseThrow();
  }

  @Test
  void waitingJobsStandInTheOrderWorkersClaimThemPriorityFirstThenFairShareTagThenId() {
    QueueForecast forecast =
        new QueueForecast(
            NOW,
            List.of(
                job(1, 0, 30, 1),
                job(2, 1, 90, 1),
                job(3, 0, 10, 1),
                job(4, 0, 20, 1),
                job(5, 0, 10, 1)),
            List.of(),
            List.of(free("a", 1)));

    assertThat(List.of(2L, 3L, 5L, 4L, 1L))
        .map(id -> place(forecast, id).position())
        .containsExactly(1, 2, 3, 4, 5);
    assertThat(place(forecast, 1).jobsAhead()).isEqualTo(4);
    assertThat(forecast.place(99)).as("not in the queue").isEmpty();
  }

  /**
   * One session queued five jobs (their tags run ahead by their cost), another queued one later:
   * its tag is the virtual time, so it stands second, not sixth.
   */
  @Test
  void aSessionsSingleJobStandsAheadOfAnotherSessionsBacklog() {
    QueueForecast forecast =
        new QueueForecast(
            NOW,
            List.of(
                job(10, 0, 100, 20),
                job(11, 0, 120, 20),
                job(12, 0, 140, 20),
                job(13, 0, 160, 20),
                job(14, 0, 180, 20),
                job(20, 0, 101, 20)),
            List.of(),
            List.of(free("a", 1)));

    QueuePlace single = place(forecast, 20);
    assertThat(single.position()).isEqualTo(2);
    assertThat(single.etaSeconds()).isEqualTo(20.0);
    assertThat(place(forecast, 14).etaSeconds()).isEqualTo(100.0);
  }

  /**
   * Slots free at 0, 0 (node b) and after 30 s (node a's running job); each job goes to the slot
   * that frees first and holds it for its expected seconds.
   */
  @Test
  void jobsAheadSpreadOverEveryLiveSlot() {
    QueueForecast forecast =
        new QueueForecast(
            NOW,
            List.of(job(1, 0, 1, 10), job(2, 0, 2, 10), job(3, 0, 3, 10), job(4, 0, 4, 10)),
            List.of(),
            List.of(new QueueForecast.Node("a", 1, List.of(30.0)), free("b", 2)));

    assertThat(List.of(1L, 2L, 3L, 4L))
        .map(id -> place(forecast, id).etaSeconds())
        .containsExactly(0.0, 0.0, 10.0, 10.0);
    QueuePlace fourth = place(forecast, 4);
    assertThat(fourth.slots()).isEqualTo(3);
    assertThat(fourth.expectedStart()).isEqualTo(NOW.plusSeconds(10));
    assertThat(fourth.noEtaReason()).isNull();
  }

  @Test
  void aRunningJobPastItsEstimateHoldsItsSlotForNoTimeNotLessThanNone() {
    QueueForecast forecast =
        new QueueForecast(
            NOW,
            List.of(job(1, 0, 1, 10)),
            List.of(),
            List.of(new QueueForecast.Node("a", 1, List.of(-5.0))));

    assertThat(place(forecast, 1).etaSeconds()).isEqualTo(0.0);
  }

  @Test
  void withoutALiveNodeThePlaceIsKnownButNotWhenItStarts() {
    QueueForecast forecast =
        new QueueForecast(NOW, List.of(job(1, 0, 1, 10), job(2, 0, 2, 10)), List.of(), List.of());

    QueuePlace second = place(forecast, 2);
    assertThat(second.position()).isEqualTo(2);
    assertThat(second.etaSeconds()).isNull();
    assertThat(second.expectedStart()).isNull();
    assertThat(second.slots()).isZero();
    assertThat(second.noEtaReason()).isEqualTo(QueueForecast.NO_WORKER);
    assertThat(second.describe())
        .isEqualTo("2nd in the queue · no node that runs jobs is responding");
  }

  @Test
  void aJobALiveWorkerClaimedIsStarting() {
    QueueForecast forecast =
        new QueueForecast(NOW, List.of(job(1, 0, 1, 10)), List.of(7L), List.of(free("a", 2)));

    assertThat(place(forecast, 7).position()).isZero();
    assertThat(place(forecast, 7).describe()).isEqualTo("starting");
    assertThat(place(forecast, 1).position()).isEqualTo(1);
  }

  @Test
  void aRunningJobsTimeLeftIsItsStepsLeftAtItsPaceElseItsEstimateLessItsTime() {
    Instant started = NOW.minusSeconds(4);

    assertThat(QueueForecast.secondsLeft(30, started, 5, 20, 0.5, NOW)).isEqualTo(7.5);
    assertThat(QueueForecast.secondsLeft(30, started, 0, 20, null, NOW)).isEqualTo(26.0);
    assertThat(QueueForecast.secondsLeft(3, started, 0, 20, null, NOW)).isZero();
    assertThat(QueueForecast.secondsLeft(30, null, 0, 20, null, NOW)).isEqualTo(30.0);
    assertThat(QueueForecast.secondsLeft(30, started, 20, 20, 0.5, NOW)).isZero();
  }
}
