package com.diffusionlab.engine.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.diffusionlab.engine.sampling.SamplerSettings;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;
import org.junit.jupiter.api.Test;

class ReplayMetadataCodecTest {
  private static final String SHA = "0123456789abcdef".repeat(4);
  private final ReplayMetadataCodec codec = new ReplayMetadataCodec();

  static ReplayMetadata sample(Double strength) {
    SequencedMap<String, String> extra = new LinkedHashMap<>();
    extra.put("init_image_sha256", "abc");
    extra.put("lora", "detail:0.8");
    return new ReplayMetadata(
        "0.1.0",
        "tiny-shapes",
        SHA,
        "philox",
        1234,
        2,
        new SamplerSettings("euler_a", "karras", 1.0),
        20,
        7.5,
        512,
        768,
        "a cat, 猫",
        "",
        strength,
        2,
        "fp32",
        "cpu",
        extra);
  }

  @Test
  void encodesAFlatObjectInAFixedOrder() {
    // Written out by hand from the format's definition.
    String expected =
        "{\"format_version\":1,\"engine_version\":\"0.1.0\",\"model_name\":\"tiny-shapes\","
            + "\"model_sha256\":\""
            + SHA
            + "\",\"noise_generator\":\"philox\",\"seed\":1234,"
            + "\"batch_index\":2,\"sampler\":\"euler_a\",\"schedule\":\"karras\",\"eta\":1.0,"
            + "\"steps\":20,\"cfg_scale\":7.5,\"width\":512,\"height\":768,"
            + "\"prompt\":\"a cat, 猫\",\"negative_prompt\":\"\",\"strength\":0.75,\"clip_skip\":2,"
            + "\"precision\":\"fp32\",\"device_class\":\"cpu\","
            + "\"extra\":{\"init_image_sha256\":\"abc\",\"lora\":\"detail:0.8\"}}";

    assertThat(codec.encode(sample(0.75))).isEqualTo(expected);
  }

  @Test
  void roundTripsWithAndWithoutStrength() {
    for (Double strength : new Double[] {0.75, null}) {
      ReplayMetadata metadata = sample(strength);

      String json = codec.encode(metadata);

      assertThat(codec.decode(json)).isEqualTo(metadata);
      assertThat(json.contains("\"strength\"")).isEqualTo(strength != null);
    }
  }

  @Test
  void roundTripsThroughAPngITxtChunk() throws IOException {
    ReplayMetadata metadata = sample(null);
    PngText chunk = codec.toPngText(metadata);

    byte[] png = new PngWriter().encode(PngWriterTest.gradient(2, 2), List.of(chunk));

    assertThat(chunk.keyword()).isEqualTo("diffusionlab");
    assertThat(chunk.type()).isEqualTo(PngTextType.ITXT);
    String stored = new PngMetadataReader().read(png).textMap().get(ReplayMetadataCodec.KEYWORD);
    assertThat(codec.decode(stored)).isEqualTo(metadata);
  }

  @Test
  void keepsUnknownFieldsAndWritesThemBack() {
    String json =
        codec
            .encode(sample(null))
            .replace("}}", "},\"tiling\":true,\"hires\":{\"scale\":2,\"steps\":[1,2]}}");

    ReplayMetadata decoded = codec.decode(json);

    assertThat(decoded.unknownFields())
        .containsExactly(
            java.util.Map.entry("tiling", "true"),
            java.util.Map.entry("hires", "{\"scale\":2,\"steps\":[1,2]}"));
    assertThat(codec.encode(decoded)).isEqualTo(json);
  }

  @Test
  void refusesANewerFormatVersionClearly() {
    String json =
        codec.encode(sample(null)).replace("\"format_version\":1", "\"format_version\":2");

    assertThatThrownBy(() -> codec.decode(json))
        .isInstanceOf(UnsupportedReplayVersionException.class)
        .hasMessageContaining("format_version 2, newer than the newest this engine reads (1)")
        .extracting(e -> ((UnsupportedReplayVersionException) e).version())
        .isEqualTo(2);
  }

  @Test
  void namesMissingMistypedAndOutOfRangeFields() {
    String json = codec.encode(sample(null));

    assertThatThrownBy(() -> codec.decode(json.replace("\"seed\":1234,", "")))
        .isInstanceOf(MetadataFormatException.class)
        .hasMessage("diffusionlab metadata lacks field 'seed'");
    assertThatThrownBy(() -> codec.decode(json.replace("\"steps\":20", "\"steps\":\"20\"")))
        .hasMessage("diffusionlab metadata field 'steps' is \"20\"; expected an integer");
    assertThatThrownBy(() -> codec.decode(json.replace("\"width\":512", "\"width\":512.5")))
        .hasMessageContaining("field 'width' is 512.5; expected an integer");
    assertThatThrownBy(
            () -> codec.decode(json.replace("\"seed\":1234", "\"seed\":18446744073709551616")))
        .hasMessageContaining("field 'seed' is 18446744073709551616; expected a 64-bit integer");
    assertThatThrownBy(() -> codec.decode(json.replace("\"steps\":20", "\"steps\":0")))
        .hasMessage("diffusionlab metadata: steps is 0; it must be at least 1");
    assertThatThrownBy(() -> codec.decode(json.replace(SHA, "XYZ")))
        .hasMessageContaining("model_sha256 is 'XYZ'; expected 64 lowercase hex digits");
    assertThatThrownBy(() -> codec.decode(json.replace("\"lora\":\"detail:0.8\"", "\"lora\":0.8")))
        .hasMessageContaining("field 'extra.lora' is 0.8; expected a string");
    assertThatThrownBy(
            () -> codec.decode(json.replace("\"format_version\":1", "\"format_version\":0")))
        .hasMessageContaining("format_version is 0");
  }

  @Test
  void refusesWhatIsNotOneJsonObject() {
    String json = codec.encode(sample(null));

    assertThatThrownBy(() -> codec.decode("[1, 2]"))
        .hasMessage("diffusionlab metadata is not a JSON object");
    assertThatThrownBy(() -> codec.decode("{\"seed\": "))
        .isInstanceOf(MetadataFormatException.class)
        .hasMessageStartingWith("diffusionlab metadata is not valid JSON");
    assertThatThrownBy(() -> codec.decode(json + " {}"))
        .hasMessageStartingWith("diffusionlab metadata is not valid JSON");
    assertThatThrownBy(
            () ->
                codec.decode(
                    json.replace("{\"format_version\":1,", "{\"format_version\":1,\"seed\":5,")))
        .hasMessageContaining("Duplicate Object property \"seed\"");
  }

  @Test
  void validatesRecordsBuiltInCode() {
    ReplayMetadata valid = sample(0.5);
    assertThatThrownBy(() -> copy(valid, new SamplerSettings("euler", " ", 0), 0.5))
        .hasMessageContaining("schedule is blank");
    assertThatThrownBy(() -> copy(valid, new SamplerSettings("euler", "normal", -1), 0.5))
        .hasMessageContaining("eta is -1.0");
    assertThatThrownBy(() -> copy(valid, valid.sampler(), 1.5))
        .hasMessageContaining("strength is 1.5; it must be in [0, 1]");
  }

  private static ReplayMetadata copy(
      ReplayMetadata valid, SamplerSettings sampler, Double strength) {
    return new ReplayMetadata(
        valid.engineVersion(),
        valid.modelName(),
        valid.modelSha256(),
        valid.noiseGenerator(),
        valid.seed(),
        valid.batchIndex(),
        sampler,
        valid.steps(),
        valid.cfgScale(),
        valid.width(),
        valid.height(),
        valid.prompt(),
        valid.negativePrompt(),
        strength,
        valid.clipSkip(),
        valid.precision(),
        valid.deviceClass(),
        valid.extra());
  }
}
