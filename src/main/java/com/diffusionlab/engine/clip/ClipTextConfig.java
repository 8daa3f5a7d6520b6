package com.diffusionlab.engine.clip;

import com.diffusionlab.engine.config.JsonConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The text encoder's architecture, as transformers' {@code CLIPTextConfig} in a text_encoder {@code
 * config.json}.
 */
public record ClipTextConfig(
    int vocabSize,
    int hiddenSize,
    int intermediateSize,
    int layers,
    int heads,
    int maxPositions,
    String hiddenAct,
    float layerNormEps) {

  public ClipTextConfig {
    if (hiddenSize % heads != 0) {
      throw new IllegalArgumentException(
          "hidden_size=" + hiddenSize + " must be a multiple of num_attention_heads=" + heads);
    }
  }

  /** OpenAI CLIP ViT-L/14's text tower, as SD 1.x uses it. */
  public static ClipTextConfig sd1() {
    return new ClipTextConfig(49408, 768, 3072, 12, 12, 77, "quick_gelu", 1e-5f);
  }

  /**
   * OpenCLIP ViT-H/14's text tower without its last layer, as SD 2.x's diffusers folders hold it.
   */
  public static ClipTextConfig sd2() {
    return new ClipTextConfig(49408, 1024, 4096, 23, 16, 77, "gelu", 1e-5f);
  }

  public static ClipTextConfig from(JsonConfig json) {
    return new ClipTextConfig(
        json.positiveInt("vocab_size", 49408),
        json.positiveInt("hidden_size", 512),
        json.positiveInt("intermediate_size", 2048),
        json.positiveInt("num_hidden_layers", 12),
        json.positiveInt("num_attention_heads", 8),
        json.positiveInt("max_position_embeddings", 77),
        json.string("hidden_act", "quick_gelu"),
        (float) json.positiveDouble("layer_norm_eps", 1e-5));
  }

  /** The transformers {@code config.json} form. */
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("architectures", List.of("CLIPTextModel"));
    json.put("model_type", "clip_text_model");
    json.put("vocab_size", vocabSize);
    json.put("hidden_size", hiddenSize);
    json.put("intermediate_size", intermediateSize);
    json.put("num_hidden_layers", layers);
    json.put("num_attention_heads", heads);
    json.put("max_position_embeddings", maxPositions);
    json.put("hidden_act", hiddenAct);
    json.put("layer_norm_eps", layerNormEps);
    return json;
  }
}
