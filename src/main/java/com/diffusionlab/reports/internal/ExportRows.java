package com.diffusionlab.reports.internal;

import com.diffusionlab.scheduling.SweepService.SweepPlace;
import com.diffusionlab.tracking.ExperimentRef;
import com.diffusionlab.tracking.GenerationSettings;
import com.diffusionlab.tracking.Run;
import com.diffusionlab.tracking.RunOutput;
import com.diffusionlab.tracking.RunTimings;
import java.util.ArrayList;
import java.util.List;

/**
 * A run as export rows: one per output image, or one with empty image columns for a run without
 * images, so that failed runs are never silently left out.
 */
public final class ExportRows {
  private ExportRows() {}

  /**
   * @param user the username of whoever started the run
   * @param sweep where the run sits in a sweep, or null
   */
  public static List<ExportRow> of(Run run, String user, SweepPlace sweep) {
    List<ExportRow> rows = new ArrayList<>();
    if (run.outputs().isEmpty()) {
      rows.add(row(run, user, sweep, null));
    } else {
      run.outputs().forEach(output -> rows.add(row(run, user, sweep, output)));
    }
    return rows;
  }

  private static ExportRow row(Run run, String user, SweepPlace sweep, RunOutput output) {
    GenerationSettings s = run.settings();
    RunTimings t = run.timings();
    return new ExportRow(
        run.id(),
        output == null ? null : output.index(),
        output == null ? null : output.seed(),
        run.status(),
        run.experiments().stream().map(ExperimentRef::name).toList(),
        run.sessionId(),
        user,
        run.parentId(),
        run.createdAt(),
        run.startedAt(),
        run.finishedAt(),
        s.prompt(),
        s.negativePrompt(),
        s.modelName(),
        s.model(),
        s.sampler(),
        s.schedule(),
        s.rng(),
        s.eta(),
        s.cfg(),
        s.steps(),
        s.width(),
        s.height(),
        s.batch(),
        s.clipSkip(),
        s.seed(),
        s.strength(),
        sweep == null ? null : sweep.sweepId(),
        sweep == null ? null : sweep.axisValues(),
        run.engineVersion(),
        run.device(),
        run.precision(),
        t.queueWait(),
        t.load(),
        t.tokenize(),
        t.encode(),
        t.sampling(),
        t.decode(),
        t.total(),
        t.steps(),
        run.peakRssBytes(),
        run.peakDeviceBytes(),
        run.deviceSeconds(),
        run.cost(),
        run.estimateSeconds(),
        output == null ? null : output.sha256(),
        output == null ? null : output.pixelSha256(),
        run.reproducedExactly(),
        run.tags().stream().sorted().toList(),
        run.error(),
        run.notes());
  }
}
