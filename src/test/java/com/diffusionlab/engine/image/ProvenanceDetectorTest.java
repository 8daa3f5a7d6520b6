package com.diffusionlab.engine.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProvenanceDetectorTest {
  private final ReplayMetadataCodec codec = new ReplayMetadataCodec();
  private final ProvenanceDetector detector = new ProvenanceDetector(codec);

  @Test
  void ourReplayChunkWinsOverTheParametersWeAlsoWrite() {
    ReplayMetadata replay = ReplayMetadataCodecTest.sample(null);
    Map<String, String> text = new LinkedHashMap<>();
    text.put("parameters", "a cat\nSteps: 20, Seed: 1, Size: 8x8");
    text.put("diffusionlab", codec.encode(replay));

    assertThat(detector.detect(text)).isEqualTo(new PngProvenance.DiffusionLab(replay));
  }

  @Test
  void parametersAreAutomatic1111() {
    PngProvenance provenance =
        detector.detect(Map.of("parameters", "a cat\nSteps: 20, Seed: 1, Size: 8x8"));

    assertThat(provenance).isInstanceOf(PngProvenance.Automatic1111.class);
    assertThat(((PngProvenance.Automatic1111) provenance).infotext().seed()).hasValue(1L);
  }

  @Test
  void jsonPromptAndWorkflowAreComfyUi() {
    String prompt = "{\"3\": {\"class_type\": \"KSampler\", \"inputs\": {\"seed\": 5}}}";
    String workflow = "{\"nodes\": [], \"links\": []}";

    assertThat(detector.detect(Map.of("prompt", prompt, "workflow", workflow)))
        .isEqualTo(new PngProvenance.ComfyUi(prompt, workflow));
    assertThat(detector.detect(Map.of("prompt", prompt)))
        .isEqualTo(new PngProvenance.ComfyUi(prompt, null));
  }

  @Test
  void aPlainTextPromptIsNotComfyUi() {
    Map<String, String> text = new LinkedHashMap<>();
    text.put("Software", "some tool");
    text.put("prompt", "a cat on a mat");

    assertThat(detector.detect(text))
        .isEqualTo(new PngProvenance.Unrecognized(java.util.List.of("Software", "prompt")));
    assertThat(detector.detect(Map.of("prompt", "[1, 2]")))
        .isInstanceOf(PngProvenance.Unrecognized.class);
  }

  @Test
  void aBrokenReplayChunkIsReportedNotIgnored() {
    assertThatThrownBy(() -> detector.detect(Map.of("diffusionlab", "{}", "parameters", "p")))
        .isInstanceOf(MetadataFormatException.class)
        .hasMessageContaining("lacks field 'format_version'");
  }
}
