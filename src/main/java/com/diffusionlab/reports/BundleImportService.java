package com.diffusionlab.reports;

import com.diffusionlab.AuditEvent;
import com.diffusionlab.Readiness;
import com.diffusionlab.artifacts.ArtifactStore;
import com.diffusionlab.engine.image.ImageFiles;
import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.identity.LabUser;
import com.diffusionlab.identity.Permissions;
import com.diffusionlab.models.ModelRegistry;
import com.diffusionlab.models.ModelVersion;
import com.diffusionlab.reports.internal.BundleManifest;
import com.diffusionlab.reports.internal.BundleReader;
import com.diffusionlab.reports.internal.ZipLimits;
import com.diffusionlab.sessions.PlaygroundSession;
import com.diffusionlab.sessions.SessionAction;
import com.diffusionlab.sessions.SessionService;
import com.diffusionlab.tracking.Experiment;
import com.diffusionlab.tracking.ExperimentRef;
import com.diffusionlab.tracking.ExperimentService;
import com.diffusionlab.tracking.Run;
import com.diffusionlab.tracking.RunOutput;
import com.diffusionlab.tracking.RunService;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Imports a bundle exported by a Diffusion Lab workspace: the whole archive is verified first
 * ({@link BundleReader}); then its images are stored (files before rows) and its experiments and
 * runs recorded for the importing user, in one transaction, with their lineage. A run whose model
 * (by content hash) is registered here replays here to the identical image.
 */
@Service
public class BundleImportService {

  private final RunService runs;
  private final ExperimentService experiments;
  private final SessionService sessions;
  private final IdentityService identity;
  private final ArtifactStore artifacts;
  private final ModelRegistry models;
  private final BundleReader reader;
  private final TransactionTemplate transaction;
  private final Readiness readiness;
  private final ApplicationEventPublisher events;
  private final ImageFiles images = new ImageFiles(4096L * 4096);

  BundleImportService(
      RunService runs,
      ExperimentService experiments,
      SessionService sessions,
      IdentityService identity,
      ArtifactStore artifacts,
      ModelRegistry models,
      JsonMapper json,
      ReportsProperties properties,
      PlatformTransactionManager transactions,
      Readiness readiness,
      ApplicationEventPublisher events) {
    this.events = events;
    this.runs = runs;
    this.experiments = experiments;
    this.sessions = sessions;
    this.identity = identity;
    this.artifacts = artifacts;
    this.models = models;
    this.reader =
        new BundleReader(
            json,
            new ZipLimits(
                properties.maxBundleEntries(),
                properties.maxBundleBytes(),
                properties.maxCompressionRatio(),
                1024,
                255));
    this.transaction = new TransactionTemplate(transactions);
    this.readiness = readiness;
  }

  /**
   * @param sessionId the session the runs join; null for the user's default session
   * @throws com.diffusionlab.engine.InvalidRequestException naming what is wrong with the bundle;
   *     nothing is written then
   */
  @PreAuthorize(Permissions.GENERATE)
  public ImportResult importBundle(Path file, Long sessionId) throws IOException {
    readiness.require();
    LabUser user = identity.current();
    if (!user.role().canGenerate()) {
      throw new AccessDeniedException("viewers cannot import");
    }
    PlaygroundSession session =
        sessionId == null
            ? sessions.defaultFor(user)
            : sessions.require(sessionId, user, SessionAction.SUBMIT);
    Map<String, String> thumbnails = new HashMap<>();
    BundleManifest manifest =
        reader.read(
            file,
            (sha, png, facts) -> {
              artifacts.store(png, ArtifactStore.PNG, facts.width(), facts.height());
              thumbnails.put(
                  sha,
                  artifacts.storeThumbnail(images.readRgb(new ByteArrayInputStream(png))).sha256());
            });
    return transaction.execute(
        tx -> {
          ImportResult imported = record(manifest, thumbnails, session, user);
          events.publishEvent(
              AuditEvent.succeeded(
                  "bundle.import",
                  "session " + session.id(),
                  imported.runs() + " runs, " + imported.images() + " images"));
          return imported;
        });
  }

  private ImportResult record(
      BundleManifest manifest,
      Map<String, String> thumbnails,
      PlaygroundSession session,
      LabUser user) {
    Map<Long, Experiment> described = new HashMap<>();
    manifest.experiments().forEach(e -> described.put(e.id(), e));
    Map<Long, Long> experimentIds = new LinkedHashMap<>();
    List<String> names = new ArrayList<>();
    Map<Long, Long> runIds = new TreeMap<>();
    List<String> notes = new ArrayList<>();
    List<Run> ordered = manifest.runs().stream().sorted(Comparator.comparingLong(Run::id)).toList();
    for (Run run : ordered) {
      Set<Long> memberships = new LinkedHashSet<>();
      for (ExperimentRef ref : run.experiments()) {
        memberships.add(
            experimentIds.computeIfAbsent(
                ref.id(),
                id -> {
                  Experiment source = described.get(id);
                  Experiment created =
                      experiments.createImported(
                          ref.name(),
                          source == null ? null : source.description(),
                          session.id(),
                          source == null ? Set.of() : source.tags());
                  names.add(created.name());
                  return created.id();
                }));
      }
      Long parent = run.parentId() == null ? null : runIds.get(run.parentId());
      if (run.parentId() != null && parent == null) {
        notes.add(
            "run "
                + run.id()
                + " replays run "
                + run.parentId()
                + ", which is not in the bundle: imported without its parent");
      }
      List<RunOutput> outputs =
          run.outputs().stream()
              .map(
                  o ->
                      new RunOutput(
                          o.index(),
                          o.seed(),
                          o.sha256(),
                          o.pixelSha256(),
                          thumbnails.get(o.sha256())))
              .toList();
      Run created = runs.importRun(run, session.id(), memberships, user.id(), parent, outputs);
      runIds.put(run.id(), created.id());
    }
    manifest.runs().stream()
        .map(run -> run.settings().model())
        .distinct()
        .filter(hash -> models.find(hash).filter(ModelVersion::usable).isEmpty())
        .forEach(
            hash ->
                notes.add(
                    "model "
                        + hash.substring(0, Math.min(10, hash.length()))
                        + " is not registered here: its runs replay once it is"));
    return new ImportResult(
        List.copyOf(experimentIds.values()),
        names,
        runIds.size(),
        thumbnails.size(),
        runIds,
        notes);
  }
}
