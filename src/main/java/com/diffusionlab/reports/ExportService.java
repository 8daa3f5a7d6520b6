package com.diffusionlab.reports;

import com.diffusionlab.AuditEvent;
import com.diffusionlab.artifacts.ArtifactStore;
import com.diffusionlab.engine.DiffusionEngine;
import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.identity.LabUser;
import com.diffusionlab.identity.Permissions;
import com.diffusionlab.reports.internal.ArrowExportWriter;
import com.diffusionlab.reports.internal.BundleTooLargeException;
import com.diffusionlab.reports.internal.BundleWriter;
import com.diffusionlab.reports.internal.CsvExportWriter;
import com.diffusionlab.reports.internal.EnvironmentFingerprint;
import com.diffusionlab.reports.internal.ExportColumns;
import com.diffusionlab.reports.internal.ExportMetadata;
import com.diffusionlab.reports.internal.ExportRow;
import com.diffusionlab.reports.internal.ExportRows;
import com.diffusionlab.reports.internal.ExportVocabulary;
import com.diffusionlab.reports.internal.HtmlReportWriter;
import com.diffusionlab.reports.internal.ModelFingerprint;
import com.diffusionlab.reports.internal.ReportInput;
import com.diffusionlab.reports.internal.SweepGrid;
import com.diffusionlab.scheduling.AxisLabels;
import com.diffusionlab.scheduling.SweepService;
import com.diffusionlab.sessions.PlaygroundSession;
import com.diffusionlab.sessions.SessionService;
import com.diffusionlab.tracking.Experiment;
import com.diffusionlab.tracking.ExperimentAction;
import com.diffusionlab.tracking.ExperimentService;
import com.diffusionlab.tracking.Run;
import com.diffusionlab.tracking.RunPages;
import com.diffusionlab.tracking.RunSelection;
import com.diffusionlab.tracking.RunService;
import com.diffusionlab.tracking.RunVocabulary;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Exports a selection of runs (an experiment's, a query's, or picked ones) as an HTML report, an
 * Arrow file, CSV or a ZIP bundle, written as a stream: the runs are read page by page and never
 * held all at once. UI, REST and CLI export through here, with the reader's visibility.
 */
@Service
public class ExportService {

  private final RunService runs;
  private final ExperimentService experiments;
  private final SessionService sessions;
  private final IdentityService identity;
  private final ArtifactStore artifacts;
  private final BundleWriter bundles;
  private final SweepService sweeps;
  private final ApplicationEventPublisher events;

  ExportService(
      RunService runs,
      ExperimentService experiments,
      SessionService sessions,
      IdentityService identity,
      ArtifactStore artifacts,
      SweepService sweeps,
      JsonMapper json,
      ReportsProperties limits,
      ApplicationEventPublisher events) {
    this.events = events;
    this.sweeps = sweeps;
    this.runs = runs;
    this.experiments = experiments;
    this.sessions = sessions;
    this.identity = identity;
    this.artifacts = artifacts;
    // a workspace writes no bundle it would refuse to import: the Arrow file and the manifest
    // are the other two entries
    this.bundles = new BundleWriter(json, limits.maxBundleEntries() - 2);
  }

  /**
   * Checks an export before any of it is written, and says how many runs it holds: callers that
   * stream (REST) call this first, so that a bad query or an oversized bundle is a clear error
   * rather than a broken download.
   *
   * @throws com.diffusionlab.engine.InvalidRequestException for a bad query or a bundle with more
   *     images than a bundle holds
   * @throws com.diffusionlab.NotFoundException for an experiment the reader cannot see
   */
  @PreAuthorize(Permissions.LOOK)
  public long check(RunSelection selection, ExportFormat format) {
    List<Long> sessionIds = visibleSessions(selection);
    checkSize(selection, format, sessionIds);
    return runs.count(selection, sessionIds);
  }

  private void checkSize(RunSelection selection, ExportFormat format, List<Long> sessionIds) {
    runs.validate(selection.query());
    if (format == ExportFormat.ZIP
        && runs.countImages(selection, sessionIds) > bundles.maxImages()) {
      throw new BundleTooLargeException(bundles.maxImages());
    }
  }

  /**
   * Writes the export of a selection to {@code out}; progress is reported as runs are written.
   *
   * @throws com.diffusionlab.engine.InvalidRequestException for a bad query or a bundle with more
   *     images than a bundle holds, before anything is written
   * @throws com.diffusionlab.NotFoundException for an experiment the reader cannot see
   */
  @PreAuthorize(Permissions.LOOK)
  public void export(
      RunSelection selection, ExportFormat format, OutputStream out, ExportProgress progress)
      throws IOException {
    List<Long> sessionIds = visibleSessions(selection);
    checkSize(selection, format, sessionIds);
    // one pass over the selection gives the count and the dictionaries' values
    RunVocabulary census = runs.vocabulary(selection, sessionIds);
    ExportMetadata metadata =
        new ExportMetadata(DiffusionEngine.readVersion(), Instant.now(), selection.describe());
    switch (format) {
      case ARROW -> arrow(selection, sessionIds, metadata, census, out, progress);
      case CSV -> csv(selection, sessionIds, out, progress, census.runs());
      case ZIP -> bundle(selection, sessionIds, metadata, census, out, progress);
      case HTML -> html(selection, sessionIds, metadata, census, out, progress);
    }
    events.publishEvent(
        AuditEvent.succeeded(
            "report.export", selection.describe(), format.name() + ", " + census.runs() + " runs"));
  }

  /** A file name for the export, e.g. {@code experiment-12.arrow}. */
  public static String fileName(RunSelection selection, ExportFormat format) {
    String stem =
        selection.experimentId() != null
            ? "experiment-" + selection.experimentId()
            : selection.runIds() != null ? "runs" : "query";
    return "diffusion-lab-" + stem + "." + format.extension();
  }

  private void arrow(
      RunSelection selection,
      List<Long> sessionIds,
      ExportMetadata metadata,
      RunVocabulary census,
      OutputStream out,
      ExportProgress progress)
      throws IOException {
    try (ArrowExportWriter writer = ArrowExportWriter.open(out, metadata, vocabulary(census))) {
      writeRows(selection, sessionIds, progress, census.runs(), writer::write);
    }
  }

  private void csv(
      RunSelection selection,
      List<Long> sessionIds,
      OutputStream out,
      ExportProgress progress,
      long total)
      throws IOException {
    try (CsvExportWriter writer = CsvExportWriter.open(out)) {
      writeRows(selection, sessionIds, progress, total, writer::write);
    }
  }

  private void bundle(
      RunSelection selection,
      List<Long> sessionIds,
      ExportMetadata metadata,
      RunVocabulary census,
      OutputStream out,
      ExportProgress progress)
      throws IOException {
    Supplier<Stream<Run>> stream = () -> RunPages.stream(runs, selection, sessionIds);
    bundles.write(
        out,
        stream,
        experimentsOf(selection),
        artifacts::read,
        arrowOut -> arrow(selection, sessionIds, metadata, census, arrowOut, progress),
        metadata);
  }

  private void html(
      RunSelection selection,
      List<Long> sessionIds,
      ExportMetadata metadata,
      RunVocabulary vocabulary,
      OutputStream out,
      ExportProgress progress)
      throws IOException {
    List<Experiment> about = experimentsOf(selection);
    Map<String, String> models = runs.modelVersions(selection, sessionIds);
    ReportInput input =
        new ReportInput(
            about.isEmpty() ? "Diffusion Lab report" : about.getFirst().name(),
            about.isEmpty() ? "" : Markdown.toSafeHtml(about.getFirst().description()),
            metadata.selection(),
            identity.current().username(),
            metadata.exportedAt(),
            EnvironmentFingerprint.ofThisJvm(
                metadata.engineVersion(),
                metadata.engineVersion(),
                List.copyOf(vocabulary.devices()),
                List.copyOf(vocabulary.precisions()),
                models.entrySet().stream()
                    .map(e -> new ModelFingerprint(e.getValue(), e.getKey()))
                    .toList()),
            () -> RunPages.stream(runs, selection, sessionIds),
            artifacts::read,
            about.isEmpty() ? List.of() : grids(about.getFirst().id()),
            progress::advanced);
    HtmlReportWriter.write(input, out);
  }

  /** An experiment's sweeps as the report draws them: cells that have a run. */
  private List<SweepGrid> grids(long experimentId) {
    return sweeps.ofExperiment(experimentId).stream()
        .map(sweep -> sweeps.grid(sweep.id()))
        .map(ExportService::reportGrid)
        .toList();
  }

  private static SweepGrid reportGrid(com.diffusionlab.scheduling.SweepGrid grid) {
    List<AxisLabels> axes = grid.sweep().axes();
    return new SweepGrid(
        grid.sweep().name(),
        axis(axes, 0),
        axis(axes, 1),
        axis(axes, 2),
        grid.cells().stream()
            .filter(cell -> cell.runId() != null && cell.status() != null)
            .map(
                cell ->
                    new SweepGrid.Cell(
                        cell.x(),
                        cell.y(),
                        cell.z(),
                        cell.runId(),
                        cell.status(),
                        cell.thumbnail()))
            .toList());
  }

  private static SweepGrid.Axis axis(List<AxisLabels> axes, int index) {
    return index < axes.size()
        ? new SweepGrid.Axis(axes.get(index).field(), axes.get(index).labels())
        : null;
  }

  @FunctionalInterface
  private interface RowSink {
    void write(ExportRow row) throws IOException;
  }

  private void writeRows(
      RunSelection selection,
      List<Long> sessionIds,
      ExportProgress progress,
      long total,
      RowSink sink) {
    Map<Long, String> users = new HashMap<>();
    AtomicLong done = new AtomicLong();
    try (Stream<List<Run>> pages = RunPages.pages(runs, selection, sessionIds)) {
      pages.forEach(
          page -> {
            Map<Long, SweepService.SweepPlace> places =
                sweeps.placesBetween(page.getFirst().id(), page.getLast().id());
            for (Run run : page) {
              String user =
                  users.computeIfAbsent(
                      run.userId(),
                      id -> identity.find(id).map(LabUser::username).orElse("#" + id));
              SweepService.SweepPlace place = places.get(run.id());
              try {
                for (ExportRow row : ExportRows.of(run, user, place)) {
                  sink.write(row);
                }
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
              progress.advanced(done.incrementAndGet(), total);
            }
          });
    }
  }

  private List<Experiment> experimentsOf(RunSelection selection) {
    return selection.experimentId() == null
        ? List.of()
        : List.of(experiments.require(selection.experimentId(), ExperimentAction.EXPORT));
  }

  /** The sessions whose runs the reader may export; an experiment must be visible to them. */
  private List<Long> visibleSessions(RunSelection selection) {
    if (selection.experimentId() != null) {
      experiments.require(selection.experimentId(), ExperimentAction.EXPORT);
    }
    LabUser user = identity.current();
    return sessions.visibleTo(user).stream().map(PlaygroundSession::id).toList();
  }

  private static ExportVocabulary vocabulary(RunVocabulary found) {
    return new ExportVocabulary(
        Map.of(
            ExportColumns.MODEL, List.copyOf(found.models()),
            ExportColumns.SAMPLER, List.copyOf(found.samplers()),
            ExportColumns.SCHEDULE, List.copyOf(found.schedules()),
            ExportColumns.RNG, List.copyOf(found.rngs()),
            ExportColumns.DEVICE, List.copyOf(found.devices()),
            ExportColumns.PRECISION, List.copyOf(found.precisions())));
  }
}
