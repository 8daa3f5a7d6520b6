package com.diffusionlab.scheduling;

import com.diffusionlab.engine.GenerationRequest;
import com.diffusionlab.identity.LabUser;
import com.diffusionlab.models.ModelVersion;
import com.diffusionlab.sessions.PlaygroundSession;
import com.diffusionlab.sessions.SessionJob;
import com.diffusionlab.tracking.GenerationSettings;

/**
 * A submission checked field by field and resolved against its model and session, with its
 * estimate: what is recorded if the quota admits it.
 *
 * @param experimentId the experiment to join by id instead of by name (sweeps), or null
 * @param recorded the settings as the run records them (defaults filled, seed drawn, sampler
 *     canonical, model by content hash)
 * @param deviceClass the device class the job asks for: the one requested, or a replay's
 *     original's; null for any device
 */
record PreparedGeneration(
    LabUser user,
    PlaygroundSession session,
    String experiment,
    Long experimentId,
    Long parentId,
    ModelVersion model,
    GenerationSettings recorded,
    GenerationRequest request,
    String deviceClass,
    Estimate estimate) {

  /** What the session's quota applies to: model, size, steps, batch and the estimate. */
  SessionJob job() {
    return new SessionJob(
        model.contentHash(),
        request.width(),
        request.height(),
        request.steps(),
        request.batch(),
        estimate.deviceSeconds());
  }

  PreparedGeneration inExperiment(long id) {
    return new PreparedGeneration(
        user, session, experiment, id, parentId, model, recorded, request, deviceClass, estimate);
  }
}
