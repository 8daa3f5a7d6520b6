package com.diffusionlab.scheduling;

import com.diffusionlab.identity.Permissions;
import com.diffusionlab.scheduling.internal.Standings;
import com.diffusionlab.tracking.Run;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Where runs stand now: a queued run's place in the queue and when it is expected to start, a
 * running run's steps and time left, whichever node runs it.
 */
@Service
public class RunStandings {

  private final Standings standings;

  RunStandings(Standings standings) {
    this.standings = standings;
  }

  /** Where {@code run} (which the caller may see) stands; {@link RunStanding#NONE} once ended. */
  @PreAuthorize(Permissions.LOOK)
  public RunStanding of(Run run) {
    return standings.of(run);
  }
}
