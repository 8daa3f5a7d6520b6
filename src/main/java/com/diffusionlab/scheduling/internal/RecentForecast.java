package com.diffusionlab.scheduling.internal;

import com.diffusionlab.scheduling.internal.queue.QueueForecast;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The last queue forecast this node made, shared for a moment by the reads of queued runs. Every
 * read of a queued run used to read the whole queue: with 4,400 jobs queued that was 4 ms of CPU a
 * read, and clients poll queued runs several times a second. A forecast is shared while it is
 * younger than {@code sharedFor} and holds the run asked about; a run it does not hold (submitted
 * since) gets a new one. So a place may lag the queue's changes by at most {@code sharedFor}.
 */
final class RecentForecast {

  private final Duration sharedFor;
  private final Supplier<QueueForecast> make;
  private final Clock clock;
  private final AtomicReference<QueueForecast> last = new AtomicReference<>();

  RecentForecast(Duration sharedFor, Supplier<QueueForecast> make, Clock clock) {
    this.sharedFor = sharedFor;
    this.make = make;
    this.clock = clock;
  }

  /** A forecast made less than {@code sharedFor} ago that holds {@code runId}, or a new one. */
  QueueForecast holding(long runId) {
    QueueForecast recent = last.get();
    if (recent != null
        && recent.madeAt().plus(sharedFor).isAfter(clock.instant())
        && recent.place(runId).isPresent()) {
      return recent;
    }
    QueueForecast fresh = make.get();
    last.set(fresh);
    return fresh;
  }
}
