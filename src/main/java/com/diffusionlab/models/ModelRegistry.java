package com.diffusionlab.models;

import com.diffusionlab.AuditEvent;
import com.diffusionlab.LabProperties;
import com.diffusionlab.NotFoundException;
import com.diffusionlab.engine.DiffusionEngine;
import com.diffusionlab.engine.EngineException;
import com.diffusionlab.engine.InvalidRequestException;
import com.diffusionlab.engine.ModelInspection;
import com.diffusionlab.engine.ModelIntegrityException;
import com.diffusionlab.engine.ModelRef;
import com.diffusionlab.identity.Permissions;
import com.diffusionlab.models.internal.ApprovalChangeEntity;
import com.diffusionlab.models.internal.ApprovalChangeRepository;
import com.diffusionlab.models.internal.ModelVersionEntity;
import com.diffusionlab.models.internal.ModelVersionRepository;
import com.diffusionlab.models.internal.ModelsFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The models the workspace can use: everything under the models folder (diffusers folders and
 * single files), registered by content hash, so that a run names the exact bytes it used. A file
 * that cannot be loaded is registered as broken, with the reason, instead of being skipped. A file
 * whose bytes change is another version: the next scan registers it as a new draft, and the old
 * version, whose bytes are gone, as missing.
 *
 * <p>Each version has an {@link ApprovalStatus}, every move recorded as an {@link ApprovalChange}.
 * The versions the first scan of an empty registry finds available (a fresh install: the bundled
 * tiny-shapes model and whatever the installer put beside it) are approved by {@code system};
 * versions found later are drafts.
 */
@Service
public class ModelRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(ModelRegistry.class);

  /** Why a fresh install's models run without an administrator's approval. */
  public static final String FIRST_START =
      "in the models folder at the workspace's first start (the installation's own models)";

  private final Path modelsDir;
  private final ModelsFolder folder;
  private final DiffusionEngine engine;
  private final ModelVersionRepository versions;
  private final ApprovalChangeRepository changes;
  private final ApplicationEventPublisher events;

  ModelRegistry(
      LabProperties properties,
      DiffusionEngine engine,
      ModelVersionRepository versions,
      ApprovalChangeRepository changes,
      ApplicationEventPublisher events) {
    this.modelsDir = properties.modelsDir();
    this.folder = new ModelsFolder(properties.modelsDir());
    this.engine = engine;
    this.versions = versions;
    this.changes = changes;
    this.events = events;
  }

  /**
   * Registers what is in the models folder now; versions whose files are gone (or hold other bytes
   * now) become missing, and new bytes become new draft versions.
   */
  @Transactional
  public List<ModelVersion> rescan() {
    boolean firstScan = versions.count() == 0;
    List<Path> candidates = candidates();
    Instant now = Instant.now();
    List<Long> seen = new ArrayList<>();
    for (Path path : candidates) {
      ModelVersionEntity entity = register(path.toAbsolutePath().normalize(), now);
      seen.add(entity.id());
      if (firstScan && ModelVersion.AVAILABLE.equals(entity.status())) {
        move(entity, ApprovalStatus.APPROVED, AuditEvent.SYSTEM_ACTOR, FIRST_START, now);
        events.publishEvent(
            AuditEvent.succeeded("model.approve", target(entity), FIRST_START)
                .by(AuditEvent.SYSTEM_ACTOR, null));
      }
    }
    for (ModelVersionEntity entity : versions.findAll()) {
      if (!seen.contains(entity.id()) && !ModelVersion.MISSING.equals(entity.status())) {
        entity.markMissing(now);
      }
    }
    LOG.info("model registry: {} models under {}", candidates.size(), modelsDir.toAbsolutePath());
    return all();
  }

  private ModelVersionEntity moveChecked(long id, ApprovalStatus to) {
    ModelVersionEntity entity =
        versions
            .findById(id)
            .orElseThrow(() -> new NotFoundException("model version " + id + " does not exist"));
    ModelVersion version = entity.toVersion(folder);
    if (!entity.approval().canMoveTo(to)) {
      throw new InvalidRequestException(
          "status",
          to,
          "a move from "
              + entity.approval()
              + " to one of "
              + entity.approval().next().stream().sorted().toList()
              + " (model "
              + version.label()
              + ")");
    }
    if (to == ApprovalStatus.APPROVED && !version.available()) {
      throw new InvalidRequestException(
          "model",
          version.label(),
          "an available version to approve; this one is "
              + version.status().toLowerCase()
              + (version.error() == null ? "" : " (" + version.error() + ")"));
    }
    return entity;
  }

  /**
   * Moves a version to another approval status, recording who, when and why. The caller (the
   * governance module) publishes its audit event.
   *
   * @throws NotFoundException when there is no such version
   * @throws InvalidRequestException naming the reason or status at fault and what is allowed
   */
  @PreAuthorize(Permissions.ADMINISTER)
  @Transactional
  public ApprovalChange changeApproval(long id, ApprovalStatus to, String actor, String reason) {
    String why = reason == null ? "" : reason.strip();
    if (why.isEmpty() || why.length() > ApprovalChange.MAX_REASON) {
      throw new InvalidRequestException(
          "reason",
          reason,
          "why, in 1 to " + ApprovalChange.MAX_REASON + " characters: it is kept in the history");
    }
    return move(moveChecked(id, to), to, actor, why, Instant.now());
  }

  /**
   * Checks, without changing anything, that a version may move to {@code to}.
   *
   * @throws NotFoundException when there is no such version
   * @throws InvalidRequestException naming what does not allow it
   */
  @Transactional(readOnly = true)
  public ModelVersion requireMovable(long id, ApprovalStatus to) {
    return moveChecked(id, to).toVersion(folder);
  }

  private ApprovalChange move(
      ModelVersionEntity entity, ApprovalStatus to, String actor, String reason, Instant now) {
    ApprovalStatus from = entity.approval();
    entity.approval(to);
    versions.save(entity);
    return changes
        .save(new ApprovalChangeEntity(entity.id(), from, to, actor, reason, now))
        .toChange();
  }

  private String target(ModelVersionEntity entity) {
    return "model " + entity.id() + " " + entity.toVersion(folder).label();
  }

  /** A version's approval history, the newest move first. */
  @Transactional(readOnly = true)
  public List<ApprovalChange> history(long id) {
    return changes.findByModelVersionIdOrderByIdDesc(id).stream()
        .map(ApprovalChangeEntity::toChange)
        .toList();
  }

  /**
   * @throws NotFoundException when there is no such version
   */
  @Transactional(readOnly = true)
  public ModelVersion require(long id) {
    return versions
        .findById(id)
        .map(entity -> entity.toVersion(folder))
        .orElseThrow(() -> new NotFoundException("model version " + id + " does not exist"));
  }

  /**
   * Checks that a version's files still have the bytes its content hash names (cheap when their
   * size and modification time did not change; the engine checks again, from the bytes, when it
   * loads them on whichever node).
   *
   * @throws InvalidRequestException naming the model and what to do when they changed
   */
  public void requireIntact(ModelVersion version) {
    try {
      engine.verify(version.ref());
    } catch (ModelIntegrityException e) {
      throw new InvalidRequestException("model", version.label(), changedFiles(version, e));
    } catch (EngineException | UncheckedIOException e) {
      throw new InvalidRequestException(
          "model",
          version.label(),
          "a model whose files can be read (" + withoutServerPaths(e.getMessage()) + ")");
    }
  }

  /** Why a version whose bytes changed is refused, and what makes them usable. */
  public String changedFiles(ModelVersion version, ModelIntegrityException e) {
    return "the bytes registered as this version: its files ("
        + version.location()
        + ") changed after registration and now hash to "
        + e.actualHash().substring(0, 10)
        + "; a rescan of the models folder registers them as a new draft version";
  }

  /** An error's text with the server's models folder taken out of its paths. */
  public String withoutServerPaths(String message) {
    return folder.scrub(message);
  }

  private ModelVersionEntity register(Path path, Instant now) {
    String name = name(path);
    try {
      ModelInspection inspection = engine.inspect(ModelRef.of(path));
      inspection.cardWarnings().forEach(warning -> LOG.warn("model {}: {}", name, warning));
      ModelVersionEntity entity =
          versions
              .findByContentHash(inspection.contentHash())
              .orElseGet(() -> new ModelVersionEntity(name, path, now));
      entity.updateFrom(name, path, inspection, sizeOf(path), now);
      return versions.save(entity);
    } catch (EngineException | UncheckedIOException e) {
      ModelVersionEntity entity =
          versions
              .findByPathAndContentHashIsNull(path.toString())
              .orElseGet(() -> new ModelVersionEntity(name, path, now));
      entity.markBroken(folder.scrub(e.getMessage()), sizeOf(path), now);
      return versions.save(entity);
    }
  }

  private List<Path> candidates() {
    if (!Files.isDirectory(modelsDir)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(modelsDir)) {
      return entries
          .filter(path -> !path.getFileName().toString().startsWith("."))
          .filter(path -> !path.getFileName().toString().endsWith(".checkpoints"))
          .filter(ModelRegistry::looksLikeModel)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Folders with a model index and files with a weights extension; the bytes decide later. */
  private static boolean looksLikeModel(Path path) {
    if (Files.isDirectory(path)) {
      return Files.exists(path.resolve("model_index.json"));
    }
    String name = path.getFileName().toString().toLowerCase();
    return name.endsWith(".safetensors")
        || name.endsWith(".ckpt")
        || name.endsWith(".pt")
        || name.endsWith(".bin")
        || name.endsWith(".pth");
  }

  private static String name(Path path) {
    String name = path.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return Files.isDirectory(path) || dot <= 0 ? name : name.substring(0, dot);
  }

  /** Follows links: people link large checkpoints into the models folder rather than copy them. */
  private static long sizeOf(Path path) {
    try (Stream<Path> files = Files.walk(path, FileVisitOption.FOLLOW_LINKS)) {
      return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
    } catch (IOException | UncheckedIOException e) {
      return 0;
    }
  }

  @Transactional(readOnly = true)
  public List<ModelVersion> all() {
    return versions.findAll().stream()
        .map(entity -> entity.toVersion(folder))
        .sorted(Comparator.comparing(ModelVersion::name).thenComparing(ModelVersion::id))
        .toList();
  }

  /** Usable versions: available and approved. */
  @Transactional(readOnly = true)
  public List<ModelVersion> usable() {
    return all().stream().filter(ModelVersion::usable).toList();
  }

  /**
   * By full or short content hash, or by name: the newest approved available version of that name,
   * else its newest available draft (which sandboxes may run).
   */
  @Transactional(readOnly = true)
  public Optional<ModelVersion> find(String nameOrHash) {
    if (nameOrHash == null || nameOrHash.isBlank()) {
      return Optional.empty();
    }
    List<ModelVersion> all = all();
    return all.stream()
        .filter(
            v ->
                v.contentHash() != null
                    && (v.contentHash().equals(nameOrHash) || v.shortHash().equals(nameOrHash)))
        .findFirst()
        .or(
            () ->
                all.stream()
                    .filter(v -> v.name().equals(nameOrHash) && v.usable())
                    .max(Comparator.comparing(ModelVersion::id)))
        .or(
            () ->
                all.stream()
                    .filter(
                        v ->
                            v.name().equals(nameOrHash)
                                && v.available()
                                && v.approval() == ApprovalStatus.DRAFT)
                    .max(Comparator.comparing(ModelVersion::id)));
  }

  /**
   * The content hashes of the models these names or hashes find, in order; what finds none is kept
   * as given, for the caller's check to refuse by the value it was given.
   */
  @Transactional(readOnly = true)
  public Set<String> contentHashes(Collection<String> namesOrHashes) {
    Set<String> hashes = new LinkedHashSet<>();
    for (String given : namesOrHashes) {
      hashes.add(given == null ? null : find(given).map(ModelVersion::contentHash).orElse(given));
    }
    return hashes;
  }

  /**
   * A version whose files are there and load, whatever its approval (which the caller checks
   * against the session).
   *
   * @throws InvalidRequestException naming the model field, the value and the usable models
   */
  @Transactional(readOnly = true)
  public ModelVersion requireAvailable(String nameOrHash) {
    ModelVersion version =
        find(nameOrHash)
            .orElseThrow(
                () -> new InvalidRequestException("model", nameOrHash, "one of " + usableNames()));
    if (!version.available()) {
      throw new InvalidRequestException(
          "model",
          nameOrHash,
          "an available model; this one is "
              + version.status().toLowerCase()
              + (version.error() != null ? " (" + version.error() + ")" : ""));
    }
    return version;
  }

  private List<String> usableNames() {
    return usable().stream().map(v -> v.name() + " (" + v.shortHash() + ")").toList();
  }
}
