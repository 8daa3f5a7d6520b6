package com.diffusionlab.reports.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.diffusionlab.tracking.Run;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

class BundleWriterTest {
  private static final ExportMetadata HEADER =
      new ExportMetadata("0.1.0", Instant.parse("2026-12-06T12:00:00Z"), "experiment 1");

  @TempDir Path folder;

  private final List<Run> runs =
      List.of(new RunBuilder(1).build(), new RunBuilder(2).batch(2).build());

  private byte[] bundle(int maxImages) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new BundleWriter(JsonMapper.builder().build(), maxImages)
        .write(
            out,
            runs::stream,
            List.of(),
            sha -> Optional.of(("png of " + sha).getBytes(StandardCharsets.UTF_8)),
            arrow -> arrow.write(new byte[] {1, 2, 3}),
            HEADER);
    return out.toByteArray();
  }

  @Test
  void aBundleHoldsEachImageOnceBetweenTheArrowFileAndTheManifest() throws IOException {
    Path file = folder.resolve("bundle.zip");
    Files.write(file, bundle(3));

    try (SafeZipFile zip = SafeZipFile.open(file, ZipLimits.standard())) {
      assertThat(zip.entries())
          .extracting(SafeZipEntry::name)
          .containsExactly(
              BundleManifest.ARROW,
              BundleManifest.imagePath(RunBuilder.fullSize(1, 0)),
              BundleManifest.imagePath(RunBuilder.fullSize(2, 0)),
              BundleManifest.imagePath(RunBuilder.fullSize(2, 1)),
              BundleManifest.MANIFEST);
    }
  }

  @Test
  void moreImagesThanABundleHoldsAreRefusedNamingTheLimit() {
    assertThatThrownBy(() -> bundle(2))
        .isInstanceOf(BundleTooLargeException.class)
        .hasMessageContaining("at most 2 images per bundle");
  }
}
