package com.diffusionlab.scheduling.internal;

import com.diffusionlab.AuditEvent;
import com.diffusionlab.engine.InvalidRequestException;
import com.diffusionlab.models.ModelVersion;
import com.diffusionlab.sessions.PlaygroundSession;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Which model versions a session may run, by their approval: every session runs approved ones; a
 * sandbox (an administrator allowed drafts in it) also runs drafts, and replays runs made with a
 * retired version, so that what a retired model made stays reproducible where an administrator
 * allows it. No new generation runs a retired version. Checked when a submission is prepared,
 * before any quota is spent; a refusal is audited.
 */
@Component
public class ModelAdmission {
  private final ApplicationEventPublisher events;

  ModelAdmission(ApplicationEventPublisher events) {
    this.events = events;
  }

  /**
   * @param replay whether the generation replays a recorded run
   * @throws InvalidRequestException naming the model version, its status and what the session
   *     allows
   */
  public void require(ModelVersion model, PlaygroundSession session, boolean replay) {
    String refusal = refusal(model, session, replay);
    if (refusal != null) {
      events.publishEvent(
          AuditEvent.refused(
              replay ? "run.replay" : "run.submit",
              "session " + session.id(),
              "model governance: " + model.label() + " is " + model.approval()));
      throw new InvalidRequestException("model", model.label(), refusal);
    }
  }

  private static String refusal(ModelVersion model, PlaygroundSession session, boolean replay) {
    String where = "session " + session.id() + " (" + session.name() + ")";
    return switch (model.approval()) {
      case APPROVED -> null;
      case DRAFT ->
          session.draftsAllowed()
              ? null
              : "an APPROVED model version: this one is a DRAFT, which runs only in sandbox"
                  + " sessions (drafts allowed by an administrator); "
                  + where
                  + " runs approved versions only";
      case RETIRED -> {
        if (replay && session.draftsAllowed()) {
          yield null;
        }
        yield replay
            ? "an APPROVED model version: this one is RETIRED, and a replay of a run made with it"
                + " runs only in a sandbox session (drafts allowed by an administrator); "
                + where
                + " is not one"
            : "an APPROVED model version: this one is RETIRED, which no new generation uses";
      }
    };
  }
}
