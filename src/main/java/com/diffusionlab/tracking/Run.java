package com.diffusionlab.tracking;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A tracked generation: what was asked, what ran, what came out, and what it cost.
 *
 * @param experiments the experiments the run belongs to (at least one), by id
 * @param settings every setting as recorded: the model by content hash, the sampler canonical
 * @param estimateSeconds the wall seconds it was expected to take when it was submitted
 * @param estimate the rest of what was expected then: the band, peak memory, device-seconds
 */
public record Run(
    long id,
    long sessionId,
    List<ExperimentRef> experiments,
    long userId,
    Long parentId,
    RunStatus status,
    GenerationSettings settings,
    String engineVersion,
    String device,
    String precision,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    RunTimings timings,
    Long peakRssBytes,
    Long peakDeviceBytes,
    Double deviceSeconds,
    Double cost,
    Double estimateSeconds,
    RunEstimate estimate,
    String error,
    List<String> warnings,
    String notes,
    Set<String> tags,
    List<RunOutput> outputs,
    Boolean reproducedExactly,
    String reproductionNote) {

  /** The experiments' names, joined for display. */
  public String experimentNames() {
    return String.join(", ", experiments.stream().map(ExperimentRef::name).toList());
  }
}
