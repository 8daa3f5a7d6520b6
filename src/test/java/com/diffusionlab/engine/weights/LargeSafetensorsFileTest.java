package com.diffusionlab.engine.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.diffusionlab.engine.ModelFormatException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file over 2 GiB, made sparse so that it costs no disk: DJL's own decoder cannot read it. */
class LargeSafetensorsFileTest {
  private static final long HUGE_BYTES = 2_200_000_000L;

  @TempDir Path dir;

  @Test
  void readsATensorBeyondTwoGibibytes() throws IOException {
    String json =
        "{\"huge\":{\"dtype\":\"U8\",\"shape\":["
            + HUGE_BYTES
            + "],\"data_offsets\":[0,"
            + HUGE_BYTES
            + "]},\"small\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":["
            + HUGE_BYTES
            + ","
            + (HUGE_BYTES + 16)
            + "]}}";
    byte[] header = json.getBytes(StandardCharsets.UTF_8);
    ByteBuffer small = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
    small.putFloat(1.5f).putFloat(-2f).putFloat(3.25f).putFloat(1e-3f);
    Path path = dir.resolve("big.safetensors");
    try (RandomAccessFile out = new RandomAccessFile(path.toFile(), "rw")) {
      out.write(SafetensorsBytes.lengthPrefix(header.length));
      out.write(header);
      long dataStart = 8 + header.length;
      out.setLength(dataStart + HUGE_BYTES + 16);
      out.seek(dataStart + HUGE_BYTES);
      out.write(small.array());
    }
    assertThat(Files.size(path)).isGreaterThan(1L << 31);

    try (NDManager manager = NDManager.newBaseManager(Device.cpu());
        SafetensorsFile file = SafetensorsFile.open(path);
        NDArray array = file.read("small", manager, DataType.FLOAT32)) {
      assertThat(array.toFloatArray()).containsExactly(1.5f, -2f, 3.25f, 1e-3f);
      assertThat(file.tensor("huge").byteSize()).isEqualTo(HUGE_BYTES);
      assertThatThrownBy(() -> file.readNative("huge", manager))
          .isInstanceOf(ModelFormatException.class)
          .hasMessageContaining("'huge' needs 2200000000 bytes");
    }
  }
}
