package com.diffusionlab.scheduling;

import com.diffusionlab.engine.InvalidRequestException;
import com.diffusionlab.identity.LabUser;
import com.diffusionlab.tracking.GenerationSettings;

/**
 * A workspace rule that a generation's settings must pass before anything is resolved, queued or
 * charged: every submission, replay and sweep cell is checked. The rules are set outside scheduling
 * (the governance module's prompt policy implements this), so that scheduling does not depend on
 * what sets them.
 */
public interface SubmissionPolicy {

  /**
   * @param user who submits (for a sweep cell, the sweep's owner)
   * @param settings the settings as asked, before defaults are filled in
   * @throws InvalidRequestException naming the field and the rule it breaks
   */
  void check(LabUser user, GenerationSettings settings);
}
