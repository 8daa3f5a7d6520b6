package com.diffusionlab.engine.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.diffusionlab.engine.ModelFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsRoundTripTest {
  @TempDir Path dir;
  private NDManager manager;

  @BeforeEach
  void createManager() {
    manager = NDManager.newBaseManager(Device.cpu());
  }

  @AfterEach
  void closeManager() {
    manager.close();
  }

  @Test
  void float32ValuesComeBackExactlyAsFloat32() throws IOException {
    float[] values = {0f, -0f, 1.5f, -3.25e-7f, Float.MAX_VALUE, Float.MIN_VALUE, 42f, -1f};
    Path path = dir.resolve("f32.safetensors");
    try (SafetensorsWriter writer =
        SafetensorsWriter.create(
            path,
            Map.of("format", "pt"),
            List.of(new TensorSpec("w", SafetensorsDtype.F32, new long[] {2, 4})))) {
      writer.write("w", values);
    }

    try (SafetensorsFile file = SafetensorsFile.open(path);
        NDArray array = file.read("w", manager, DataType.FLOAT32)) {
      assertThat(array.getShape()).isEqualTo(new Shape(2, 4));
      assertThat(array.getDataType()).isEqualTo(DataType.FLOAT32);
      assertThat(array.getManager()).isSameAs(manager);
      assertThat(array.toFloatArray()).containsExactly(values);
      assertThat(file.readFloats("w")).containsExactly(values);
      assertThat(file.metadata()).containsExactly(Map.entry("format", "pt"));
    }
  }

  @Test
  void float32ReadAsFloat16RoundsToNearestEven() throws IOException {
    // 1 + 2^-11 is halfway between the halves 1 and 1 + 2^-10: ties go to the even mantissa (1);
    // 1 + 3·2^-11 is halfway between 1 + 2^-10 and 1 + 2^-9, the even one being 1 + 2^-9
    float[] values = {1f + 0x1p-11f, 1f + 3 * 0x1p-11f, 65504f, 0x1p-24f};
    float[] expected = {1f, 1f + 0x1p-9f, 65504f, 0x1p-24f};
    Path path = writeFloats("f32.safetensors", SafetensorsDtype.F32, values);

    try (SafetensorsFile file = SafetensorsFile.open(path);
        NDArray array = file.read("t", manager, DataType.FLOAT16)) {
      assertThat(array.getDataType()).isEqualTo(DataType.FLOAT16);
      assertThat(array.toType(DataType.FLOAT32, false).toFloatArray()).containsExactly(expected);
    }
  }

  @Test
  void float16IsStoredAsIeeeHalves() throws IOException {
    // hand-encoded IEEE 754 binary16: 1 = 0x3C00, -2 = 0xC000, 65504 = 0x7BFF, 2^-24 = 0x0001
    Path path =
        writeFloats(
            "f16.safetensors", SafetensorsDtype.F16, new float[] {1f, -2f, 65504f, 0x1p-24f});

    byte[] content = Files.readAllBytes(path);
    byte[] data = java.util.Arrays.copyOfRange(content, content.length - 8, content.length);
    assertThat(data).containsExactly(SafetensorsBytes.shorts(0x3C00, 0xC000, 0x7BFF, 0x0001));
    try (SafetensorsFile file = SafetensorsFile.open(path);
        NDArray half = file.read("t", manager, DataType.FLOAT16);
        NDArray single = file.read("t", manager, DataType.FLOAT32)) {
      assertThat(half.getDataType()).isEqualTo(DataType.FLOAT16);
      assertThat(single.toFloatArray()).containsExactly(1f, -2f, 65504f, 0x1p-24f);
    }
  }

  @Test
  void bfloat16WrittenByHandIsConvertedInJava() throws IOException {
    // bfloat16 = upper 16 bits of a float32: 1 = 0x3F80, -2.5 = 0xC020,
    // 3.140625 = 0x4049 (π truncated), quiet NaN = 0x7FC0
    Path path = dir.resolve("bf16.safetensors");
    try (SafetensorsWriter writer =
        SafetensorsWriter.create(
            path, Map.of(), List.of(new TensorSpec("t", SafetensorsDtype.BF16, new long[] {4})))) {
      writer.writeRaw(
          "t", ByteBuffer.wrap(SafetensorsBytes.shorts(0x3F80, 0xC020, 0x4049, 0x7FC0)));
    }

    try (SafetensorsFile file = SafetensorsFile.open(path);
        NDArray single = file.read("t", manager, DataType.FLOAT32);
        NDArray half = file.read("t", manager, DataType.FLOAT16)) {
      assertThat(single.toFloatArray()).containsExactly(1f, -2.5f, 3.140625f, Float.NaN);
      assertThat(half.getDataType()).isEqualTo(DataType.FLOAT16);
      assertThat(half.toType(DataType.FLOAT32, false).toFloatArray())
          .containsExactly(1f, -2.5f, 3.140625f, Float.NaN);
      assertThatThrownBy(() -> file.readNative("t", manager))
          .isInstanceOf(ModelFormatException.class)
          .hasMessageContaining("BF16")
          .hasMessageContaining("FLOAT32 or FLOAT16");
    }
  }

  @Test
  void float64AndFloat8AreConvertedToFloat32() throws IOException {
    // float8 E4M3FN (bias 7): 0x38 = 1, 0xC0 = -2, 0x7E = 448 (largest), 0x01 = 2^-9, 0x7F = NaN
    // float8 E5M2 (bias 15): 0x3C = 1, 0x7C = +inf, 0x01 = 2^-16
    ByteBuffer doubles = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
    doubles.putDouble(0.1).putDouble(-1e300).flip();
    Path path = dir.resolve("mixed.safetensors");
    try (SafetensorsWriter writer =
        SafetensorsWriter.create(
            path,
            Map.of(),
            List.of(
                new TensorSpec("d", SafetensorsDtype.F64, new long[] {2}),
                new TensorSpec("e4m3", SafetensorsDtype.F8_E4M3, new long[] {5}),
                new TensorSpec("e5m2", SafetensorsDtype.F8_E5M2, new long[] {3})))) {
      writer.writeRaw("d", doubles);
      writer.writeRaw(
          "e4m3", ByteBuffer.wrap(SafetensorsBytes.bytes(0x38, 0xC0, 0x7E, 0x01, 0x7F)));
      writer.writeRaw("e5m2", ByteBuffer.wrap(SafetensorsBytes.bytes(0x3C, 0x7C, 0x01)));
    }

    try (SafetensorsFile file = SafetensorsFile.open(path)) {
      assertThat(file.readFloats("d")).containsExactly(0.1f, Float.NEGATIVE_INFINITY);
      assertThat(file.readFloats("e4m3")).containsExactly(1f, -2f, 448f, 0x1p-9f, Float.NaN);
      assertThat(file.readFloats("e5m2")).containsExactly(1f, Float.POSITIVE_INFINITY, 0x1p-16f);
    }
  }

  @Test
  void int64RoundTripsNatively() throws IOException {
    long[] positions = LongStream.range(0, 77).toArray();
    Path path = dir.resolve("clip.safetensors");
    SequencedMap<String, NDArray> arrays = new LinkedHashMap<>();
    arrays.put("position_ids", manager.create(positions, new Shape(1, 77)));
    arrays.put("weight", manager.create(new float[] {1, 2, 3, 4, 5, 6}, new Shape(3, 2)));
    SafetensorsWriter.writeAll(path, Map.of("kind", "clip"), arrays);

    try (SafetensorsFile file = SafetensorsFile.open(path);
        NDArray ids = file.readNative("position_ids", manager);
        NDArray weight = file.readNative("weight", manager)) {
      assertThat(file.tensor("position_ids").dtype()).isEqualTo(SafetensorsDtype.I64);
      assertThat(ids.getDataType()).isEqualTo(DataType.INT64);
      assertThat(ids.getShape()).isEqualTo(new Shape(1, 77));
      assertThat(ids.toLongArray()).containsExactly(positions);
      assertThat(weight.toFloatArray()).containsExactly(1, 2, 3, 4, 5, 6);
      assertThatThrownBy(() -> file.read("position_ids", manager, DataType.FLOAT32))
          .isInstanceOf(ModelFormatException.class)
          .hasMessageContaining("'position_ids' has dtype I64, not a floating-point type");
    }
  }

  @Test
  void headerIsAlignedPaddedWithSpacesAndKeepsTheDeclaredOrder() throws IOException {
    Path path = dir.resolve("order.safetensors");
    try (SafetensorsWriter writer =
        SafetensorsWriter.create(
            path,
            Map.of("note", "ünïcode ✓"),
            List.of(
                new TensorSpec("z.first", SafetensorsDtype.F32, new long[] {1}),
                new TensorSpec("a.second", SafetensorsDtype.F16, new long[] {3})))) {
      writer.write("z.first", new float[] {7});
      writer.write("a.second", new float[] {1, 2, 3});
    }

    byte[] content = Files.readAllBytes(path);
    long headerLength = ByteBuffer.wrap(content, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    String header = new String(content, 8, (int) headerLength, StandardCharsets.UTF_8);
    assertThat((8 + headerLength) % 8).isZero();
    assertThat(header).startsWith("{\"__metadata__\":{\"note\":\"ünïcode ✓\"}");
    assertThat(header.stripTrailing()).endsWith("}");
    assertThat(header.substring(header.stripTrailing().length())).matches(" *");
    assertThat(content).hasSize((int) (8 + headerLength + 4 + 6));
    try (SafetensorsFile file = SafetensorsFile.open(path)) {
      assertThat(file.tensors().keySet()).containsExactly("z.first", "a.second");
      assertThat(file.tensor("a.second"))
          .isEqualTo(new TensorInfo("a.second", SafetensorsDtype.F16, new long[] {3}, 4, 10));
      assertThat(file.metadata()).containsEntry("note", "ünïcode ✓");
    }
  }

  @Test
  void readsOwnCopiesThatLaterReadsDoNotOverwrite() throws IOException {
    Path path = dir.resolve("two.safetensors");
    try (SafetensorsWriter writer =
        SafetensorsWriter.create(
            path,
            Map.of(),
            List.of(
                new TensorSpec("a", SafetensorsDtype.F32, new long[] {4}),
                new TensorSpec("b", SafetensorsDtype.F32, new long[] {4})))) {
      writer.write("a", new float[] {1, 2, 3, 4});
      writer.write("b", new float[] {5, 6, 7, 8});
    }

    try (SafetensorsFile file = SafetensorsFile.open(path)) {
      NDArray a = file.read("a", manager, DataType.FLOAT32);
      NDArray b = file.read("b", manager, DataType.FLOAT32);
      a.addi(10);

      assertThat(a.toFloatArray()).containsExactly(11, 12, 13, 14);
      assertThat(b.toFloatArray()).containsExactly(5, 6, 7, 8);
      assertThat(file.read("a", manager, DataType.FLOAT32).toFloatArray())
          .containsExactly(1, 2, 3, 4);
    }
  }

  @Test
  void readsZeroSizeAndScalarTensors() throws IOException {
    Path path = dir.resolve("edge.safetensors");
    try (SafetensorsWriter writer =
        SafetensorsWriter.create(
            path,
            Map.of(),
            List.of(
                new TensorSpec("empty", SafetensorsDtype.F32, new long[] {0, 3}),
                new TensorSpec("scalar", SafetensorsDtype.F32, new long[] {})))) {
      writer.write("empty", new float[0]);
      writer.write("scalar", new float[] {2.5f});
    }

    try (SafetensorsFile file = SafetensorsFile.open(path);
        NDArray empty = file.read("empty", manager, DataType.FLOAT32);
        NDArray scalar = file.read("scalar", manager, DataType.FLOAT32)) {
      assertThat(empty.getShape()).isEqualTo(new Shape(0, 3));
      assertThat(scalar.getShape()).isEqualTo(new Shape());
      assertThat(scalar.getFloat()).isEqualTo(2.5f);
    }
  }

  @Test
  void writerEnforcesTheDeclaration() throws IOException {
    Path path = dir.resolve("strict.safetensors");
    List<TensorSpec> specs =
        List.of(
            new TensorSpec("a", SafetensorsDtype.F32, new long[] {2}),
            new TensorSpec("b", SafetensorsDtype.I64, new long[] {1}));

    assertThatThrownBy(
            () ->
                SafetensorsWriter.create(
                    path, Map.of(), List.of(specs.getFirst(), specs.getFirst())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'a' is declared twice");
    assertThatThrownBy(() -> new TensorSpec("x", SafetensorsDtype.F32, new long[] {-1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("negative");
    assertThatThrownBy(() -> new TensorSpec("__metadata__", SafetensorsDtype.F32, new long[] {1}))
        .isInstanceOf(IllegalArgumentException.class);

    SafetensorsWriter writer = SafetensorsWriter.create(path, Map.of(), specs);
    assertThatThrownBy(() -> writer.write("b", new float[] {1}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'a' must be written next, got 'b'");
    assertThatThrownBy(() -> writer.write("a", new float[] {1, 2, 3}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2 elements, got 3 values");
    writer.write("a", new float[] {1, 2});
    assertThatThrownBy(() -> writer.write("b", new float[] {1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("declared I64");

    assertThatThrownBy(writer::close)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("only 1 of 2 tensors")
        .hasMessageContaining("'b'");
    assertThat(path).doesNotExist();
    assertThat(dir.resolve("strict.safetensors.part")).doesNotExist();
  }

  @Test
  void readerNamesMissingTensorsAndRefusesUseAfterClose() throws IOException {
    Path path = writeFloats("one.safetensors", SafetensorsDtype.F32, new float[] {1});
    SafetensorsFile file = SafetensorsFile.open(path);

    assertThatThrownBy(() -> file.read("nope", manager, DataType.FLOAT32))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageContaining("has no tensor 'nope'");
    assertThatThrownBy(() -> file.read("t", manager, DataType.INT8))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("FLOAT32 or FLOAT16");
    file.close();
    assertThatThrownBy(() -> file.read("t", manager, DataType.FLOAT32))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  private Path writeFloats(String name, SafetensorsDtype dtype, float[] values) throws IOException {
    Path path = dir.resolve(name);
    try (SafetensorsWriter writer =
        SafetensorsWriter.create(
            path, Map.of(), List.of(new TensorSpec("t", dtype, new long[] {values.length})))) {
      writer.write("t", values);
    }
    return path;
  }
}
