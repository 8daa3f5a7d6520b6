package com.diffusionlab.reports.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.diffusionlab.engine.FieldError;
import com.diffusionlab.engine.InvalidRequestException;
import com.diffusionlab.tracking.Experiment;
import com.diffusionlab.tracking.Run;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * A bundle's runs and experiments are held to this workspace's limits on tags, notes and
 * descriptions, as those made here are, and the bundle is refused before any of its images is read.
 */
class BundleReaderTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final ExportMetadata HEADER =
      new ExportMetadata("0.1.0", Instant.parse("2026-12-06T12:00:00Z"), "experiment 1");

  @TempDir Path folder;

  private Path bundle(Run run) throws IOException {
    return bundle(run, List.of());
  }

  private Path bundle(Run run, List<Experiment> experiments) throws IOException {
    Path file = folder.resolve("bundle.zip");
    try (OutputStream out = Files.newOutputStream(file)) {
      new BundleWriter(JSON, 10)
          .write(
              out,
              List.of(run)::stream,
              experiments,
              // not PNGs: a refused bundle never gets as far as decoding them
              sha -> Optional.of(("png of " + sha).getBytes(StandardCharsets.UTF_8)),
              arrow -> arrow.write(new byte[] {1, 2, 3}),
              HEADER);
    }
    return file;
  }

  private List<FieldError> refusal(Run run) {
    return refusal(run, List.of());
  }

  private List<FieldError> refusal(Run run, List<Experiment> experiments) {
    List<String> stored = new ArrayList<>();
    Throwable refused =
        catchThrowable(
            () ->
                new BundleReader(JSON, ZipLimits.standard())
                    .read(bundle(run, experiments), (sha, png, facts) -> stored.add(sha)));
    assertThat(stored).isEmpty();
    assertThat(refused).isInstanceOf(InvalidRequestException.class);
    return ((InvalidRequestException) refused).errors();
  }

  @Test
  void aRunWithTooManyTagsIsRefusedNamingItsPlaceInTheManifest() {
    String[] tags = IntStream.range(0, 51).mapToObj(i -> "t" + i).toArray(String[]::new);

    FieldError error = refusal(new RunBuilder(7).tags(tags).build()).getFirst();

    assertThat(error.field()).isEqualTo("manifest.runs[7].tags");
    assertThat(error.value()).isEqualTo("51 tags");
    assertThat(error.allowed()).isEqualTo("at most 50");
  }

  @Test
  void aRunWithABadTagIsRefused() {
    FieldError error = refusal(new RunBuilder(7).tags("no spaces").build()).getFirst();

    assertThat(error.field()).isEqualTo("manifest.runs[7].tag");
    assertThat(error.value()).isEqualTo("no spaces");
  }

  @Test
  void aRunWithNotesOverTheLimitIsRefused() {
    FieldError error = refusal(new RunBuilder(7).notes("n".repeat(20_001)).build()).getFirst();

    assertThat(error.field()).isEqualTo("manifest.runs[7].notes");
    assertThat(error.value()).isEqualTo("20001 characters");
  }

  @Test
  void anExperimentWithADescriptionOverTheLimitIsRefused() {
    Instant now = Instant.parse("2026-12-06T12:00:00Z");
    Experiment described =
        new Experiment(3, 1, 1, "grace", "e", "d".repeat(20_001), Set.of(), now, now);

    FieldError error = refusal(new RunBuilder(7).build(), List.of(described)).getFirst();

    assertThat(error.field()).isEqualTo("manifest.experiments[3].description");
  }

  @Test
  void runsWithinTheLimitsGetAsFarAsTheirImages() {
    assertThatThrownBy(
            () ->
                new BundleReader(JSON, ZipLimits.standard())
                    .read(bundle(new RunBuilder(7).build()), (sha, png, facts) -> {}))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("images/");
  }
}
