package com.diffusionlab;

import java.util.regex.Pattern;

/**
 * This process as a node of the workspace: its name (in job leases, run histories and the node
 * list), whether it serves the web UI and REST API, whether it runs jobs, and how many at once on
 * its device.
 *
 * @param web a web node ({@code dlab serve}); false for a worker-only node ({@code dlab worker})
 * @param runsJobs whether this node claims jobs from the queue
 * @param slots jobs at once on the device
 */
public record LabNode(String name, boolean web, boolean runsJobs, int slots) {

  public static final int MAX_SLOTS = 64;
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,99}");

  public LabNode {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "DLAB_NODE_NAME='"
              + name
              + "' is not allowed: 1 to 100 letters, digits, '.', '_', ':' or '-', starting with a"
              + " letter or digit");
    }
    if (slots < 1 || slots > MAX_SLOTS) {
      throw new IllegalArgumentException(
          "DLAB_WORKER_SLOTS=" + slots + " is not allowed: 1 to " + MAX_SLOTS);
    }
  }
}
