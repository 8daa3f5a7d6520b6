package com.diffusionlab.scheduling.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.diffusionlab.scheduling.internal.queue.FairShareClock;
import com.diffusionlab.scheduling.internal.queue.QueueForecast;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reads of queued runs share a forecast for a moment, never one that lacks the run asked about. */
class RecentForecastTest {

  private Instant now = Instant.parse("2026-12-06T10:00:00Z");
  private final List<Long> queued = new ArrayList<>(List.of(1L, 2L));
  private int made;

  private final Clock clock =
      new Clock() {
        @Override
        public Instant instant() {
          return now;
        }

        @Override
        public ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
          return this;
        }
      };

  private QueueForecast make() {
    made++;
    return new QueueForecast(
        now,
        queued.stream()
            .map(id -> new QueueForecast.Job(id, 0, FairShareClock.EPOCH.plusSeconds(id), 10))
            .toList(),
        List.of(),
        List.of(new QueueForecast.Node("a", 1, List.of())));
  }

  private final RecentForecast recent =
      new RecentForecast(Duration.ofMillis(500), this::make, clock);

  @Test
  void readsWithinTheMomentShareOneForecast() {
    QueueForecast first = recent.holding(1);
    now = now.plusMillis(499);
    assertThat(recent.holding(2)).isSameAs(first);
    assertThat(made).isEqualTo(1);
    assertThat(first.madeAt()).isEqualTo(now.minusMillis(499));
  }

  @Test
  void aRunSubmittedSinceGetsANewForecast() {
    recent.holding(1);
    queued.add(3L);
    assertThat(recent.holding(3).place(3)).isPresent();
    assertThat(made).isEqualTo(2);
  }

  @Test
  void anOlderForecastIsMadeAgain() {
    QueueForecast first = recent.holding(1);
    now = now.plusMillis(500);
    assertThat(recent.holding(1)).isNotSameAs(first);
    assertThat(made).isEqualTo(2);
  }
}
