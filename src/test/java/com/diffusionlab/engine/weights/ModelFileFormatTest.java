package com.diffusionlab.engine.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.diffusionlab.engine.ModelFormatException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileFormatTest {
  // pickle protocol 2 of an empty list: PROTO 2, EMPTY_LIST, BINPUT 0, STOP
  private static final byte[] PICKLE = {(byte) 0x80, 0x02, ']', 'q', 0x00, '.'};

  @TempDir Path dir;

  @Test
  void aPickleNamedSafetensorsIsRefused() throws IOException {
    Path path = SafetensorsBytes.write(dir, "model.safetensors", PICKLE);

    assertThat(ModelFileFormat.detect(path)).isEqualTo(ModelFileFormat.PICKLE);
    assertThatThrownBy(() -> WeightFiles.requireSafetensors(path))
        .isInstanceOf(PickleRefusedException.class)
        .hasMessageStartingWith(path.toString())
        .hasMessageContaining("execute arbitrary code")
        .hasMessageContaining(".safetensors");
    assertThatThrownBy(() -> SafetensorsFile.open(path)).isInstanceOf(PickleRefusedException.class);
  }

  @Test
  void aPyTorchZipCheckpointIsRefusedAsPickle() throws IOException {
    Path path = dir.resolve("model.safetensors");
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(path))) {
      zip.putNextEntry(new ZipEntry("archive/data.pkl"));
      zip.write(PICKLE);
      zip.putNextEntry(new ZipEntry("archive/data/0"));
      zip.write(new byte[16]);
    }

    assertThat(ModelFileFormat.detect(path)).isEqualTo(ModelFileFormat.PYTORCH_ZIP);
    assertThatThrownBy(() -> WeightFiles.requireSafetensors(path))
        .isInstanceOf(PickleRefusedException.class)
        .hasMessageContaining("data.pkl");
    assertThatThrownBy(() -> SafetensorsFile.open(path)).isInstanceOf(PickleRefusedException.class);
  }

  @Test
  void anotherZipIsUnknownButNotPickle() throws IOException {
    Path path = dir.resolve("weights.zip");
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(path))) {
      zip.putNextEntry(new ZipEntry("readme.txt"));
      zip.write("hello".getBytes());
    }

    assertThat(ModelFileFormat.detect(path)).isEqualTo(ModelFileFormat.ZIP);
    assertThatThrownBy(() -> WeightFiles.requireSafetensors(path))
        .isInstanceOf(UnknownModelFormatException.class)
        .hasMessageContaining("zip archive")
        .hasMessageContaining("safetensors files only");
  }

  @Test
  void aSafetensorsFileNamedCkptIsAccepted() throws IOException {
    Path path =
        SafetensorsBytes.write(
            dir,
            "model.ckpt",
            SafetensorsBytes.file(
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4));

    assertThat(ModelFileFormat.detect(path)).isEqualTo(ModelFileFormat.SAFETENSORS);
    assertThatCode(() -> WeightFiles.requireSafetensors(path)).doesNotThrowAnyException();
    try (SafetensorsFile file = SafetensorsFile.open(path)) {
      assertThat(file.readFloats("w")).containsExactly(0f);
    }
  }

  @Test
  void otherBytesAreUnknown() throws IOException {
    Path text = SafetensorsBytes.write(dir, "notes.safetensors", "hello, weights".getBytes());
    Path empty = SafetensorsBytes.write(dir, "empty.safetensors", new byte[0]);
    Path proto1 = SafetensorsBytes.write(dir, "proto9.bin", new byte[] {(byte) 0x80, 9, '.'});

    assertThat(ModelFileFormat.detect(text)).isEqualTo(ModelFileFormat.UNKNOWN);
    assertThat(ModelFileFormat.detect(empty)).isEqualTo(ModelFileFormat.UNKNOWN);
    assertThat(ModelFileFormat.detect(proto1)).isEqualTo(ModelFileFormat.UNKNOWN);
    assertThatThrownBy(() -> WeightFiles.requireSafetensors(text))
        .isInstanceOf(UnknownModelFormatException.class)
        .hasMessageContaining("unknown format");
  }

  @Test
  void aMissingFileIsReportedAsSuch() {
    Path path = dir.resolve("absent.safetensors");

    assertThatThrownBy(() -> WeightFiles.requireSafetensors(path))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageContaining("file not found");
  }

  @Test
  void aSafetensorsPrefixNeedsItsDeclaredHeaderInTheFile() throws IOException {
    Path path = dir.resolve("cut.safetensors");
    try (OutputStream out = Files.newOutputStream(path)) {
      out.write(SafetensorsBytes.lengthPrefix(1000));
      out.write("{\"w\":".getBytes());
    }

    assertThat(ModelFileFormat.detect(path)).isEqualTo(ModelFileFormat.UNKNOWN);
  }
}
