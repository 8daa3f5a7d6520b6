package com.diffusionlab.scheduling;

import com.diffusionlab.NotFoundException;
import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.identity.Permissions;
import com.diffusionlab.scheduling.internal.NodeRegistry;
import com.diffusionlab.sessions.SessionService;
import com.diffusionlab.tracking.RunAction;
import com.diffusionlab.tracking.RunService;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/** The nodes of the workspace, their devices, what they run, and the queue: the Devices view. */
@Service
public class Devices {

  private final NodeRegistry nodes;
  private final RunService runs;
  private final SessionService sessions;
  private final IdentityService identity;

  Devices(NodeRegistry nodes, RunService runs, SessionService sessions, IdentityService identity) {
    this.nodes = nodes;
    this.runs = runs;
    this.sessions = sessions;
    this.identity = identity;
  }

  @PreAuthorize(Permissions.LOOK)
  public DevicesOverview overview() {
    return nodes.overview();
  }

  /**
   * Where a run's job stands in the queue, and why it waits when no worker serves the device class
   * it asks for.
   *
   * @throws NotFoundException for a run that does not exist or that the user may not see (the two
   *     read the same)
   */
  @PreAuthorize(Permissions.LOOK)
  public JobWait jobWait(long runId) {
    runs.require(runId, RunAction.READ);
    return nodes.jobWait(runId);
  }
}
