package com.diffusionlab.api;

import com.diffusionlab.scheduling.QueuePlace;
import com.diffusionlab.scheduling.RunStanding;
import com.diffusionlab.scheduling.RunSteps;
import com.diffusionlab.tracking.Run;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * One run as the API answers it: everything it records, beside where it stands now, as a tracking
 * client polls for it ({@code queue} while it waits, {@code progress} while it runs, else null).
 */
record RunBody(@JsonUnwrapped Run run, QueuePlace queue, RunSteps progress) {

  static RunBody of(Run run, RunStanding standing) {
    return new RunBody(run, standing.queue(), standing.progress());
  }
}
