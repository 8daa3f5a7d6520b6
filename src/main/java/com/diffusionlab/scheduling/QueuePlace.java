package com.diffusionlab.scheduling;

import java.time.Instant;
import java.util.Locale;

/**
 * Where a queued run stands: its place among the jobs waiting, in the order workers claim them (the
 * fair-share order), and when it is expected to start, from the estimates of the jobs ahead of it
 * and of those running, spread over the device slots of the nodes that run jobs.
 *
 * @param position 1 for the next job a worker claims; 0 once a worker has claimed it (it starts)
 * @param jobsAhead the waiting jobs that will be claimed before it
 * @param etaSeconds seconds until it is expected to start; null when nothing can tell (see {@code
 *     noEtaReason})
 * @param expectedStart when it is expected to start; null with {@code etaSeconds}
 * @param slots the device slots of the nodes that run jobs and respond
 * @param noEtaReason why there is no ETA, or null
 */
public record QueuePlace(
    int position,
    int jobsAhead,
    Double etaSeconds,
    Instant expectedStart,
    int slots,
    String noEtaReason) {

  /** The same place with no ETA, for {@code reason}. */
  public QueuePlace withoutEta(String reason) {
    return new QueuePlace(position, jobsAhead, null, null, slots, reason);
  }

  /**
   * What the playground, the run page and {@code dlab generate --server} say, e.g. "3rd in the
   * queue · starts in about 40 s".
   */
  public String describe() {
    if (position == 0) {
      return "starting";
    }
    String place = position == 1 ? "next in the queue" : ordinal(position) + " in the queue";
    if (etaSeconds == null) {
      return place + " · " + noEtaReason;
    }
    return place + " · starts " + Durations.inAbout(etaSeconds);
  }

  static String ordinal(int n) {
    int lastTwo = n % 100;
    String suffix =
        lastTwo >= 11 && lastTwo <= 13
            ? "th"
            : switch (n % 10) {
              case 1 -> "st";
              case 2 -> "nd";
              case 3 -> "rd";
              default -> "th";
            };
    return String.format(Locale.ROOT, "%,d%s", n, suffix);
  }
}
