package com.diffusionlab.scheduling.internal;

import com.diffusionlab.sessions.SessionService;
import com.diffusionlab.tracking.Run;
import com.diffusionlab.tracking.RunEnded;
import com.diffusionlab.tracking.RunService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The one place a job's charge is settled: when its run ends, its session's reservation gives way
 * to the device-seconds and cost the run used, in the transaction that records the run's end (a
 * plain event listener runs in the publisher's transaction), so that a crash cannot keep one
 * without the other. A run cancelled in the queue used nothing and releases its reservation.
 */
@Component
public class UsageSettlement {
  private static final Logger LOG = LoggerFactory.getLogger(UsageSettlement.class);

  private final SessionService sessions;
  private final RunService runs;

  UsageSettlement(SessionService sessions, RunService runs) {
    this.sessions = sessions;
    this.runs = runs;
  }

  @EventListener
  void runEnded(RunEnded ended) {
    sessions.settle(ended.sessionId(), ended.runId(), ended.deviceSeconds(), ended.cost());
  }

  /**
   * Settles the reservations of runs that ended without an event: those a crash left running, which
   * recovery marks failed. Each is charged what its run recorded (nothing, when the crash took the
   * figures with it).
   */
  public void settleEndedRuns() {
    int settled = 0;
    for (long runId : sessions.unsettledRuns()) {
      Run run = runs.find(runId).orElse(null);
      if (run != null && run.status().finished()) {
        sessions.settle(
            run.sessionId(),
            runId,
            run.deviceSeconds() == null ? 0 : run.deviceSeconds(),
            run.cost() == null ? 0 : run.cost());
        settled++;
      }
    }
    if (settled > 0) {
      LOG.info("settled the reservations of {} runs that ended while the server was down", settled);
    }
  }
}
