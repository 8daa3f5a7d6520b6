package com.diffusionlab.tracking.internal;

import com.diffusionlab.tracking.ExperimentRef;
import com.diffusionlab.tracking.Run;
import com.diffusionlab.tracking.RunOutput;
import com.diffusionlab.tracking.RunStatus;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * A run's own columns, without its collections: what a {@link RunEntity} holds, and what {@link
 * RunWindowReader} reads without managing entities. The components are named as the entity's
 * fields, because the reader selects them by these names; both become a {@link Run} here alone.
 */
record RunColumns(
    long id,
    long sessionId,
    long userId,
    Long parentId,
    RunStatus status,
    SettingsColumns settings,
    String engineVersion,
    String device,
    String precision,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    TimingColumns timings,
    Long peakRssBytes,
    Long peakDeviceBytes,
    Double deviceSeconds,
    Double cost,
    Double estimateSeconds,
    EstimateColumns estimate,
    String error,
    String[] warnings,
    String notes,
    Boolean reproducedExactly,
    String reproductionNote) {

  /**
   * @param experimentNames the name of an experiment by id (the caller caches them)
   */
  Run toRun(
      Collection<Long> experimentIds,
      LongFunction<String> experimentNames,
      Collection<String> tags,
      List<RunOutput> outputs) {
    return new Run(
        id,
        sessionId,
        experimentIds.stream()
            .sorted()
            .map(experiment -> new ExperimentRef(experiment, experimentNames.apply(experiment)))
            .toList(),
        userId,
        parentId,
        status,
        settings.toSettings(),
        engineVersion,
        device,
        precision,
        createdAt,
        startedAt,
        finishedAt,
        // every timing column null reads back as no embeddable at all
        (timings == null ? new TimingColumns() : timings).toTimings(),
        peakRssBytes,
        peakDeviceBytes,
        deviceSeconds,
        cost,
        estimateSeconds,
        EstimateColumns.toEstimate(estimate),
        error,
        warnings == null ? List.of() : Arrays.asList(warnings),
        notes,
        Set.copyOf(tags),
        outputs,
        reproducedExactly,
        reproductionNote);
  }
}
