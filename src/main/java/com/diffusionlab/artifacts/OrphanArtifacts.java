package com.diffusionlab.artifacts;

import com.diffusionlab.LabProperties;
import com.diffusionlab.artifacts.internal.ArtifactRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Deletes artifact files that no row points at: those written by a transaction that then rolled
 * back (a worker whose lease was taken over writes its images, then its fenced commit is refused)
 * and temporary files a crash left behind. Only files older than the grace period go, so that a
 * transaction still writing its rows never loses its files; {@link ArtifactStore} renews a file's
 * time when a new row reuses it.
 */
@Service
public class OrphanArtifacts {
  private static final Logger LOG = LoggerFactory.getLogger(OrphanArtifacts.class);
  private static final String STORED = ".bin";
  private static final String TEMPORARY = ".part";

  private final Path root;
  private final ArtifactRepository artifacts;
  private final Duration grace;
  private final Clock clock;

  @Autowired
  OrphanArtifacts(
      LabProperties properties,
      ArtifactRepository artifacts,
      @Value("${dlab.artifacts.orphan-grace:1h}") Duration grace) {
    this(properties.dataDir().resolve("artifacts"), artifacts, grace, Clock.systemUTC());
  }

  OrphanArtifacts(Path root, ArtifactRepository artifacts, Duration grace, Clock clock) {
    if (grace.isNegative()) {
      throw new IllegalArgumentException(
          "dlab.artifacts.orphan-grace=" + grace + " is not allowed: a duration of 0 or more");
    }
    this.root = root;
    this.artifacts = artifacts;
    this.grace = grace;
    this.clock = clock;
  }

  /** What one collection removed. */
  public record Collected(int files, long bytes) {}

  @Scheduled(
      fixedDelayString = "${dlab.artifacts.collect-interval:1h}",
      initialDelayString = "${dlab.artifacts.collect-initial-delay:1m}")
  void collectOnSchedule() {
    Collected collected = collect();
    if (collected.files() > 0) {
      LOG.info(
          "removed {} artifact files no run pointed at ({} bytes)",
          collected.files(),
          collected.bytes());
    }
  }

  /** Deletes every orphan file older than the grace period. */
  public Collected collect() {
    if (!Files.isDirectory(root)) {
      return new Collected(0, 0);
    }
    Instant before = clock.instant().minus(grace);
    int files = 0;
    long bytes = 0;
    for (Path file : candidates()) {
      try {
        long size = Files.size(file);
        if (Files.getLastModifiedTime(file).toInstant().isBefore(before)
            && isOrphan(file)
            && Files.deleteIfExists(file)) {
          files++;
          bytes += size;
        }
      } catch (IOException e) {
        // another node sharing the folder removed it first, or it cannot be read: next time
        LOG.debug("artifact file {} left for the next collection", file, e);
      }
    }
    return new Collected(files, bytes);
  }

  private List<Path> candidates() {
    try (Stream<Path> files =
        Files.find(root, 2, (path, attributes) -> attributes.isRegularFile())) {
      return files.toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + root, e);
    }
  }

  private boolean isOrphan(Path file) {
    String name = file.getFileName().toString();
    if (name.contains(TEMPORARY)) {
      return true;
    }
    if (!name.endsWith(STORED)) {
      // not the store's: left alone
      return false;
    }
    String sha256 = name.substring(0, name.length() - STORED.length());
    return ArtifactStore.isSha256(sha256) && !artifacts.existsById(sha256);
  }
}
