package com.diffusionlab.scheduling;

import com.diffusionlab.tracking.GenerationSettings;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A generation as it is submitted: its settings and where it goes. In JSON the settings' fields sit
 * beside {@code sessionId} and {@code experiment}.
 *
 * @param sessionId null for the submitter's default session
 * @param experiment the submitter's experiment to join (created when new); null for "default"
 */
@Schema(description = "A generation request. Omitted fields take the configured defaults.")
public record GenerationSubmission(
    @Schema(description = "Playground session id; default: the caller's default session")
        Long sessionId,
    @Schema(description = "Experiment name (yours; created when new); default: default")
        String experiment,
    @JsonUnwrapped GenerationSettings settings) {

  /** Settings for the submitter's default session and experiment. */
  public static GenerationSubmission of(GenerationSettings settings) {
    return new GenerationSubmission(null, null, settings);
  }
}
