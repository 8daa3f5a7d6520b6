package com.diffusionlab.scheduling;

import com.diffusionlab.identity.Permissions;
import com.diffusionlab.scheduling.internal.NodeRegistry;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/** The nodes of the workspace, their devices, what they run, and the queue: the Devices view. */
@Service
public class Devices {

  private final NodeRegistry nodes;

  Devices(NodeRegistry nodes) {
    this.nodes = nodes;
  }

  @PreAuthorize(Permissions.LOOK)
  public DevicesOverview overview() {
    return nodes.overview();
  }

  /**
   * Where a run's job stands in the queue, and why it waits when no worker serves the device class
   * it asks for. Callers check that the user may see the run.
   */
  @PreAuthorize(Permissions.LOOK)
  public JobWait jobWait(long runId) {
    return nodes.jobWait(runId);
  }
}
