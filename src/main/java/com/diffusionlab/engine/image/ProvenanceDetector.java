package com.diffusionlab.engine.image;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tells from a PNG's text chunks which tool made it. Diffusion Lab's own chunk wins (our images
 * carry {@code parameters} too, for other tools), then AUTOMATIC1111's {@code parameters}, then
 * ComfyUI's {@code prompt}/{@code workflow}, recognised only when they hold JSON objects since
 * other tools use a plain-text {@code prompt} keyword.
 */
public final class ProvenanceDetector {
  /** AUTOMATIC1111's keyword. */
  public static final String PARAMETERS = "parameters";

  static final String COMFY_PROMPT = "prompt";
  static final String COMFY_WORKFLOW = "workflow";

  private final ReplayMetadataCodec codec;
  private final JsonMapper mapper = JsonMapper.builder().build();

  public ProvenanceDetector(ReplayMetadataCodec codec) {
    this.codec = Objects.requireNonNull(codec, "codec");
  }

  /**
   * @param text keyword → text, as {@link PngMetadata#textMap()} gives
   * @throws MetadataFormatException if a {@code diffusionlab} chunk is present but invalid or newer
   */
  public PngProvenance detect(Map<String, String> text) {
    String replay = text.get(ReplayMetadataCodec.KEYWORD);
    if (replay != null) {
      return new PngProvenance.DiffusionLab(codec.decode(replay));
    }
    String parameters = text.get(PARAMETERS);
    if (parameters != null) {
      return new PngProvenance.Automatic1111(Infotext.parse(parameters));
    }
    String prompt = jsonObjectOrNull(text.get(COMFY_PROMPT));
    String workflow = jsonObjectOrNull(text.get(COMFY_WORKFLOW));
    if (prompt != null || workflow != null) {
      return new PngProvenance.ComfyUi(prompt, workflow);
    }
    return new PngProvenance.Unrecognized(List.copyOf(text.keySet()));
  }

  private String jsonObjectOrNull(String value) {
    if (value == null) {
      return null;
    }
    try {
      JsonNode node = mapper.readTree(value);
      return node != null && node.isObject() ? value : null;
    } catch (JacksonException e) {
      return null;
    }
  }
}
