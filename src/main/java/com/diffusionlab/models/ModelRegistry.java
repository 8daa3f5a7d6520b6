package com.diffusionlab.models;

import com.diffusionlab.LabProperties;
import com.diffusionlab.engine.DiffusionEngine;
import com.diffusionlab.engine.EngineException;
import com.diffusionlab.engine.InvalidRequestException;
import com.diffusionlab.engine.ModelInspection;
import com.diffusionlab.engine.ModelRef;
import com.diffusionlab.models.internal.ModelVersionEntity;
import com.diffusionlab.models.internal.ModelVersionRepository;
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
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The models the workspace can use: everything under the models folder (diffusers folders and
 * single files), registered by content hash, so that a run names the exact bytes it used. A file
 * that cannot be loaded is registered as broken, with the reason, instead of being skipped.
 */
@Service
public class ModelRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(ModelRegistry.class);

  private final Path modelsDir;
  private final DiffusionEngine engine;
  private final ModelVersionRepository versions;

  ModelRegistry(LabProperties properties, DiffusionEngine engine, ModelVersionRepository versions) {
    this.modelsDir = properties.modelsDir();
    this.engine = engine;
    this.versions = versions;
  }

  /** Registers what is in the models folder now; versions whose files are gone become missing. */
  @Transactional
  public List<ModelVersion> rescan() {
    List<Path> candidates = candidates();
    Instant now = Instant.now();
    List<Long> seen = new ArrayList<>();
    for (Path path : candidates) {
      ModelVersionEntity entity = register(path.toAbsolutePath().normalize(), now);
      seen.add(entity.id());
    }
    for (ModelVersionEntity entity : versions.findAll()) {
      if (!seen.contains(entity.id())
          && !ModelVersion.MISSING.equals(entity.toVersion().status())) {
        entity.markMissing(now);
      }
    }
    LOG.info("model registry: {} models under {}", candidates.size(), modelsDir.toAbsolutePath());
    return all();
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
      entity.markBroken(e.getMessage(), sizeOf(path), now);
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
        .map(ModelVersionEntity::toVersion)
        .sorted(Comparator.comparing(ModelVersion::name).thenComparing(ModelVersion::id))
        .toList();
  }

  /** Usable versions: available and approved. */
  @Transactional(readOnly = true)
  public List<ModelVersion> usable() {
    return all().stream().filter(ModelVersion::usable).toList();
  }

  /** By full or short content hash, or by name (the newest available version of that name). */
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
   * @throws InvalidRequestException naming the model field, the value and the usable models
   */
  @Transactional(readOnly = true)
  public ModelVersion requireUsable(String nameOrHash) {
    ModelVersion version =
        find(nameOrHash)
            .orElseThrow(
                () -> new InvalidRequestException("model", nameOrHash, "one of " + usableNames()));
    if (!version.usable()) {
      throw new InvalidRequestException(
          "model",
          nameOrHash,
          "a usable model; this one is "
              + version.status().toLowerCase()
              + (version.approved() ? "" : " and not approved")
              + (version.error() != null ? " (" + version.error() + ")" : ""));
    }
    return version;
  }

  private List<String> usableNames() {
    return usable().stream().map(v -> v.name() + " (" + v.shortHash() + ")").toList();
  }
}
