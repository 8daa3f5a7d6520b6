package com.diffusionlab;

import java.time.Duration;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Whether the workspace accepts work. The HTTP server answers before the application has finished
 * starting: the model registry is scanned, runs a crash interrupted are recovered and sweeps
 * resumed by application runners, after the server is up. Spring Boot declares the application
 * ready (readiness {@code ACCEPTING_TRAFFIC}) once every runner has finished, and refusing again
 * when it shuts down; generations, replays, sweeps, imports and estimates ask here first, so that
 * nothing is judged against a half-loaded registry.
 */
@Component
public class Readiness {

  /** What a refused client is told to wait: a scan of a models folder takes seconds. */
  public static final Duration RETRY_AFTER = Duration.ofSeconds(5);

  private volatile ReadinessState state = ReadinessState.REFUSING_TRAFFIC;
  private volatile boolean startedOnce;

  @EventListener
  void changed(AvailabilityChangeEvent<ReadinessState> event) {
    state = event.getState();
    if (state == ReadinessState.ACCEPTING_TRAFFIC) {
      startedOnce = true;
    }
  }

  public boolean ready() {
    return state == ReadinessState.ACCEPTING_TRAFFIC;
  }

  /**
   * @throws NotReadyException saying whether the workspace is starting or stopping
   */
  public void require() {
    if (!ready()) {
      throw new NotReadyException(
          startedOnce
              ? "the workspace is shutting down and accepts no new work"
              : "the workspace is starting up (loading its models); try again in a few seconds",
          RETRY_AFTER);
    }
  }
}
