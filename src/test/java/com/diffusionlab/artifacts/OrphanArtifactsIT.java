package com.diffusionlab.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.diffusionlab.LabProperties;
import com.diffusionlab.WorkspaceTestSupport;
import com.diffusionlab.artifacts.internal.ArtifactRepository;
import com.diffusionlab.engine.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class OrphanArtifactsIT extends WorkspaceTestSupport {
  private static final Duration GRACE = Duration.ofHours(1);

  @Autowired ArtifactStore store;
  @Autowired ArtifactRepository rows;
  @Autowired LabProperties properties;

  private Path root;
  private OrphanArtifacts orphans;

  @BeforeEach
  void collector() {
    root = properties.dataDir().resolve("artifacts");
    orphans = new OrphanArtifacts(root, rows, GRACE, Clock.systemUTC());
  }

  @Test
  void removesOldFilesNoRowPointsAtAndKeepsTheRest() throws IOException {
    byte[] kept = unique("stored with its row");
    String storedSha = store.store(kept, "application/octet-stream", null, null).sha256();
    Path stored = file(storedSha);
    age(stored, Duration.ofHours(3));
    byte[] rolledBack = unique("written by a transaction that rolled back");
    Path oldOrphan = write(rolledBack, Duration.ofHours(3));
    Path freshOrphan = write(unique("still being committed"), Duration.ofMinutes(10));
    Path leftByACrash = Files.writeString(stored.resolveSibling(storedSha + "123.part"), "half");
    age(leftByACrash, Duration.ofHours(2));
    Path foreign = Files.writeString(stored.resolveSibling("README.txt"), "not the store's");
    age(foreign, Duration.ofHours(3));

    OrphanArtifacts.Collected collected = orphans.collect();

    assertThat(oldOrphan).doesNotExist();
    assertThat(leftByACrash).doesNotExist();
    assertThat(stored).exists();
    assertThat(freshOrphan).exists();
    assertThat(foreign).exists();
    assertThat(collected.files()).isGreaterThanOrEqualTo(2);
    assertThat(collected.bytes()).isGreaterThanOrEqualTo(rolledBack.length + 4L);
    assertThat(store.read(storedSha)).hasValue(kept);
  }

  @Test
  void anOldFileThatANewRowReusesIsKept() throws IOException {
    byte[] bytes = unique("an orphan that a later run made again");
    Path file = write(bytes, Duration.ofHours(5));

    store.store(bytes, "application/octet-stream", null, null);
    orphans.collect();

    assertThat(file).exists();
    assertThat(store.read(Sha256.of(bytes))).hasValue(bytes);
  }

  @Test
  void aNegativeGraceIsRefusedWithTheSetting() {
    assertThatThrownBy(
            () -> new OrphanArtifacts(root, rows, Duration.ofMinutes(-1), Clock.systemUTC()))
        .hasMessageContaining("dlab.artifacts.orphan-grace=PT-1M")
        .hasMessageContaining("0 or more");
  }

  private static byte[] unique(String text) {
    return (text + " " + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
  }

  private Path file(String sha256) {
    return root.resolve(sha256.substring(0, 2)).resolve(sha256 + ".bin");
  }

  private Path write(byte[] bytes, Duration age) throws IOException {
    Path file = file(Sha256.of(bytes));
    Files.createDirectories(file.getParent());
    Files.write(file, bytes);
    age(file, age);
    return file;
  }

  private static void age(Path file, Duration age) throws IOException {
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(age)));
  }
}
