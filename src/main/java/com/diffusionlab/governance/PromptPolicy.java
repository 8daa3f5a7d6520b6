package com.diffusionlab.governance;

import com.diffusionlab.AuditEvent;
import com.diffusionlab.engine.FieldError;
import com.diffusionlab.engine.InvalidRequestException;
import com.diffusionlab.governance.internal.DenyRules;
import com.diffusionlab.identity.LabUser;
import com.diffusionlab.scheduling.SubmissionPolicy;
import com.diffusionlab.tracking.GenerationSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The workspace's prompt policy: a generation, replay or sweep cell whose prompt or negative prompt
 * holds a denied word or matches a denied pattern ({@link PromptPolicyProperties}) is refused
 * before anything is resolved, queued or charged, naming the field and the rule; the refusal is
 * audited.
 */
@Component
class PromptPolicy implements SubmissionPolicy {
  private final DenyRules rules;
  private final ApplicationEventPublisher events;

  PromptPolicy(PromptPolicyProperties properties, ApplicationEventPublisher events) {
    this.rules = properties.rules();
    this.events = events;
  }

  @Override
  public void check(LabUser user, GenerationSettings settings) {
    if (rules.isEmpty() || settings == null) {
      return;
    }
    List<FieldError> errors = new ArrayList<>();
    broken("prompt", settings.prompt(), errors);
    broken("negativePrompt", settings.negativePrompt(), errors);
    if (errors.isEmpty()) {
      return;
    }
    events.publishEvent(
        AuditEvent.refused(
                "run.submit",
                "user " + user.username(),
                "prompt policy: "
                    + errors.stream()
                        .map(error -> error.field() + " " + error.allowed())
                        .collect(Collectors.joining("; ")))
            .by(user.username(), null));
    throw new InvalidRequestException(errors);
  }

  private void broken(String field, String text, List<FieldError> errors) {
    rules
        .firstBroken(text)
        .ifPresent(
            rule ->
                errors.add(
                    new FieldError(
                        field, text, "text the workspace's prompt policy allows: it " + rule)));
  }
}
