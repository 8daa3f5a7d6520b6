package com.diffusionlab.scheduling;

import com.diffusionlab.tracking.GenerationSettings;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A generation as it is submitted: its settings, where it goes and what it runs on. In JSON the
 * settings' fields sit beside {@code sessionId}, {@code experiment} and {@code deviceClass}. The
 * device class is no setting: it does not enter the recorded settings, only the job's needs.
 *
 * @param sessionId null for the submitter's default session
 * @param experiment the submitter's experiment to join (created when new); null for "default"
 * @param deviceClass the device class of the worker that may run it ({@link DeviceClasses}); null
 *     for any device
 */
@Schema(description = "A generation request. Omitted fields take the configured defaults.")
public record GenerationSubmission(
    @Schema(description = "Playground session id; default: the caller's default session")
        Long sessionId,
    @Schema(description = "Experiment name (yours; created when new); default: default")
        String experiment,
    @Schema(
            description =
                "Device class of the worker that runs it: cpu or gpu; default (absent or null):"
                    + " any device",
            allowableValues = {"cpu", "gpu"},
            nullable = true)
        String deviceClass,
    @JsonUnwrapped GenerationSettings settings) {

  /** A submission that runs on any device. */
  public GenerationSubmission(Long sessionId, String experiment, GenerationSettings settings) {
    this(sessionId, experiment, null, settings);
  }

  /** Settings for the submitter's default session and experiment. */
  public static GenerationSubmission of(GenerationSettings settings) {
    return new GenerationSubmission(null, null, null, settings);
  }
}
