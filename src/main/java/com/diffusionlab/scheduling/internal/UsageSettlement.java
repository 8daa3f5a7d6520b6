package com.diffusionlab.scheduling.internal;

import com.diffusionlab.sessions.SessionService;
import com.diffusionlab.tracking.RunEnded;
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
  private final SessionService sessions;

  UsageSettlement(SessionService sessions) {
    this.sessions = sessions;
  }

  @EventListener
  void runEnded(RunEnded ended) {
    sessions.settle(ended.sessionId(), ended.runId(), ended.deviceSeconds(), ended.cost());
  }
}
