package com.diffusionlab.engine.weights;

import static com.diffusionlab.engine.weights.SafetensorsBytes.concat;
import static com.diffusionlab.engine.weights.SafetensorsBytes.file;
import static com.diffusionlab.engine.weights.SafetensorsBytes.lengthPrefix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every hostile or malformed header is refused in {@code open} with a typed, precise error. */
class SafetensorsFileValidationTest {
  @TempDir Path dir;

  private static final SafetensorsHeader.Limits SMALL_LIMITS = new SafetensorsHeader.Limits(3, 2);
  private static final String A_F32_2 =
      "\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}";

  static Stream<Arguments> hostileFiles() {
    return Stream.of(
        hostile("empty file", new byte[0], "shorter than the 8-byte header length", null),
        hostile("five bytes", new byte[5], "5 bytes long", null),
        hostile(
            "header length over 100 MB",
            concat(lengthPrefix(200_000_000L), "{}".getBytes(StandardCharsets.UTF_8)),
            "header of 200000000 bytes; at most 100000000",
            null),
        hostile(
            "header length with the top bit set",
            concat(lengthPrefix(-1L), "{}".getBytes(StandardCharsets.UTF_8)),
            "header of 18446744073709551615 bytes",
            null),
        hostile(
            "header length past the end of the file",
            concat(lengthPrefix(100), "{}".getBytes(StandardCharsets.UTF_8)),
            "header of 100 bytes but only 2 follow",
            null),
        hostile("truncated JSON", file("{\"a\":", 0), "not valid JSON", null),
        hostile("JSON array", file("[1,2]", 0), "does not start with '{'", null),
        hostile("leading blank", file(" {}", 0), "does not start with '{'", null),
        hostile("second root value", file("{}{}", 0), "content after its closing '}'", null),
        hostile("trailing garbage", file("{} x", 0), "not valid JSON", null),
        hostile(
            "invalid UTF-8 in a name",
            concat(
                lengthPrefix(8),
                new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'}),
            "not valid JSON",
            null),
        hostile("entry is a number", file("{\"a\":5}", 0), "entry must be a JSON object", "a"),
        hostile(
            "dtype missing",
            file("{\"a\":{\"shape\":[2],\"data_offsets\":[0,8]}}", 8),
            "'dtype' is missing",
            "a"),
        hostile(
            "shape missing",
            file("{\"a\":{\"dtype\":\"F32\",\"data_offsets\":[0,8]}}", 8),
            "'shape' is missing",
            "a"),
        hostile(
            "data_offsets missing",
            file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2]}}", 8),
            "'data_offsets' is missing",
            "a"),
        hostile(
            "dtype is a number",
            file("{\"a\":{\"dtype\":4,\"shape\":[2],\"data_offsets\":[0,8]}}", 8),
            "'dtype' must be a string",
            "a"),
        hostile(
            "dtype given twice",
            file(
                "{\"a\":{\"dtype\":\"F32\",\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,8]}}",
                8),
            "'dtype' is given twice",
            "a"),
        hostile(
            "shape is a string",
            file("{\"a\":{\"dtype\":\"F32\",\"shape\":\"2\",\"data_offsets\":[0,8]}}", 8),
            "'shape' must be an array of integers",
            "a"),
        hostile(
            "fractional dimension",
            file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2.0],\"data_offsets\":[0,8]}}", 8),
            "'shape' must hold integers only",
            "a"),
        hostile(
            "negative dimension",
            file("{\"a\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}}", 8),
            "'shape' has a negative value -2",
            "a"),
        hostile(
            "dimension beyond a long",
            file(
                "{\"a\":{\"dtype\":\"F32\",\"shape\":[100000000000000000000],\"data_offsets\":[0,8]}}",
                8),
            "value 100000000000000000000 is too large",
            "a"),
        hostile(
            "element count overflows",
            file(
                "{\"a\":{\"dtype\":\"U8\",\"shape\":[4294967296,4294967296],\"data_offsets\":[0,8]}}",
                8),
            "more elements than a long can count",
            "a"),
        hostile(
            "byte count overflows",
            file(
                "{\"a\":{\"dtype\":\"F64\",\"shape\":[4611686018427387904],\"data_offsets\":[0,8]}}",
                8),
            "more bytes than a long counts",
            "a"),
        hostile(
            "65 dimensions",
            file(
                "{\"a\":{\"dtype\":\"U8\",\"shape\":["
                    + "1,".repeat(64)
                    + "1],\"data_offsets\":[0,1]}}",
                1),
            "'shape' has more than 64 entries",
            "a"),
        hostile(
            "one data offset",
            file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8]}}", 8),
            "begin <= end, found [8]",
            "a"),
        hostile(
            "three data offsets",
            file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8,8]}}", 8),
            "'data_offsets' has more than 2 entries",
            "a"),
        hostile(
            "data offsets as strings",
            file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[\"0\",\"8\"]}}", 8),
            "'data_offsets' must hold integers only",
            "a"),
        hostile(
            "begin after end",
            file("{\"a\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[8,0]}}", 8),
            "begin <= end, found [8, 0]",
            "a"),
        hostile(
            "shape and dtype disagree with the byte count",
            file("{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8),
            "shape [3] of F32 needs 12 bytes but data_offsets [0, 8] span 8",
            "a"),
        hostile(
            "unknown dtype",
            file("{\"a\":{\"dtype\":\"F128\",\"shape\":[2],\"data_offsets\":[0,8]}}", 8),
            "unknown dtype 'F128'; allowed: BOOL, U8",
            "a"),
        hostile(
            "offsets beyond the end of the file",
            file("{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", 8),
            "data_offsets [0, 16] reach past the end of the data region (8 bytes)",
            "a"),
        hostile(
            "offsets beyond a long",
            file(
                "{\"a\":{\"dtype\":\"U8\",\"shape\":[1],"
                    + "\"data_offsets\":[9223372036854775807,9223372036854775808]}}",
                8),
            "is too large",
            "a"),
        hostile(
            "overlapping tensors",
            file(
                "{" + A_F32_2 + ",\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}",
                12),
            "bytes [4, 12) overlap tensor 'a'",
            "b"),
        hostile(
            "same range twice",
            file(
                "{" + A_F32_2 + ",\"b\":{\"dtype\":\"U8\",\"shape\":[8],\"data_offsets\":[0,8]}}",
                8),
            "overlap tensor",
            null),
        hostile(
            "gap between tensors",
            file(
                "{"
                    + A_F32_2
                    + ",\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[12,16]}}",
                16),
            "the 4 bytes before it (from offset 8) belong to no tensor",
            "b"),
        hostile(
            "gap before the first tensor",
            file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8),
            "the 4 bytes before it (from offset 0) belong to no tensor",
            "a"),
        hostile(
            "bytes after the last tensor",
            file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 8),
            "the last 4 bytes of the data region belong to no tensor",
            null),
        hostile(
            "duplicate tensor name",
            file("{" + A_F32_2 + "," + A_F32_2 + "}", 8),
            "tensor 'a': is declared twice",
            "a"),
        hostile(
            "metadata is an array",
            file("{\"__metadata__\":[1]}", 0),
            "__metadata__ must be an object of strings",
            null),
        hostile(
            "metadata value is a number",
            file("{\"__metadata__\":{\"epoch\":3}}", 0),
            "__metadata__ value of 'epoch' must be a string",
            null),
        hostile(
            "metadata given twice",
            file("{\"__metadata__\":{},\"__metadata__\":{}}", 0),
            "__metadata__ is declared twice",
            null),
        hostile(
            "metadata key given twice",
            file("{\"__metadata__\":{\"k\":\"1\",\"k\":\"2\"}}", 0),
            "__metadata__ key 'k' is declared twice",
            null),
        hostile(
            "nesting bomb in an extra field",
            file(
                "{\"a\":{\"dtype\":\"U8\",\"shape\":[0],\"data_offsets\":[0,0],\"x\":"
                    + "[".repeat(5000)
                    + "]".repeat(5000)
                    + "}}",
                0),
            "not valid JSON",
            null));
  }

  private static Arguments hostile(String label, byte[] content, String message, String tensor) {
    return Arguments.of(label, content, message, tensor);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileFiles")
  void refusesInOpen(String label, byte[] content, String message, String tensor)
      throws IOException {
    Path path = SafetensorsBytes.write(dir, "hostile.safetensors", content);

    InvalidSafetensorsException error =
        catchThrowableOfType(
            InvalidSafetensorsException.class, () -> SafetensorsFile.open(path).close());

    assertThat(error).as(label).isNotNull();
    assertThat(error.getMessage()).startsWith(path.toString()).contains(message);
    assertThat(error.file()).isEqualTo(path);
    if (tensor != null) {
      assertThat(error.tensor()).contains(tensor);
      assertThat(error.getMessage()).contains("tensor '" + tensor + "'");
    }
  }

  @Test
  void refusesMoreTensorsThanTheLimit() throws IOException {
    StringBuilder json = new StringBuilder("{");
    for (int i = 0; i <= SMALL_LIMITS.maxTensors(); i++) {
      json.append(i == 0 ? "" : ",")
          .append("\"t")
          .append(i)
          .append("\":{\"dtype\":\"U8\",\"shape\":[0],\"data_offsets\":[0,0]}");
    }
    Path path =
        SafetensorsBytes.write(dir, "many.safetensors", file(json.append('}').toString(), 0));

    assertThatThrownBy(() -> SafetensorsFile.open(path, SMALL_LIMITS))
        .isInstanceOf(InvalidSafetensorsException.class)
        .hasMessageContaining("more than 3 tensors");
  }

  @Test
  void refusesMoreMetadataEntriesThanTheLimit() throws IOException {
    StringBuilder json = new StringBuilder("{\"__metadata__\":{");
    for (int i = 0; i <= SMALL_LIMITS.maxMetadataEntries(); i++) {
      json.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"\"");
    }
    Path path =
        SafetensorsBytes.write(dir, "meta.safetensors", file(json.append("}}").toString(), 0));

    assertThatThrownBy(() -> SafetensorsFile.open(path, SMALL_LIMITS))
        .isInstanceOf(InvalidSafetensorsException.class)
        .hasMessageContaining("more than 2 entries");
  }

  @Test
  void acceptsHeadersAtTheLimits() throws IOException {
    String json =
        "{\"__metadata__\":{\"a\":\"1\",\"b\":\"2\"},"
            + "\"x\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[0,1]},"
            + "\"y\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[1,2]},"
            + "\"z\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[2,3]}}";
    Path path = SafetensorsBytes.write(dir, "full.safetensors", file(json, 3));

    try (SafetensorsFile file = SafetensorsFile.open(path, SMALL_LIMITS)) {
      assertThat(file.tensors()).hasSize(3);
      assertThat(file.metadata()).hasSize(2);
    }
  }

  @Test
  void acceptsWhatTheSpecificationAllows() throws IOException {
    // unknown fields in an entry, null metadata, blank padding, zero-size and scalar tensors
    String json =
        "{\"__metadata__\":null,"
            + "\"empty\":{\"dtype\":\"F32\",\"shape\":[0,3],\"data_offsets\":[0,0]},"
            + "\"scalar\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4],\"note\":{\"x\":[1]}}"
            + "}   ";
    Path path = SafetensorsBytes.write(dir, "ok.safetensors", file(json, 4));

    try (SafetensorsFile file = SafetensorsFile.open(path)) {
      assertThat(file.metadata()).isEmpty();
      assertThat(file.tensors().keySet()).containsExactly("empty", "scalar");
      assertThat(file.tensor("scalar").elementCount()).isEqualTo(1);
      assertThat(file.tensor("empty").elementCount()).isZero();
    }
  }

  @Test
  void anEmptyHeaderIsAFileWithoutTensors() throws IOException {
    Path path = SafetensorsBytes.write(dir, "none.safetensors", file("{}", 0));

    try (SafetensorsFile file = SafetensorsFile.open(path)) {
      assertThat(file.tensors()).isEmpty();
    }
  }
}
