package com.diffusionlab.engine.unet;

import com.diffusionlab.engine.ModelFormatException;
import com.diffusionlab.engine.config.JsonConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The architecture of a {@code UNet2DConditionModel}, as in a diffusers unet {@code config.json}.
 * Lists run over the down blocks in order; the up blocks use them reversed, as diffusers does.
 *
 * @param heads attention heads per down block (diffusers calls this {@code attention_head_dim} in
 *     SD 1/2 configs, whose value is the number of heads)
 * @param sampleSize the latent size the model was trained at (64 for SD 1.x: 512 pixels)
 */
public record UNetConfig(
    int inChannels,
    int outChannels,
    List<Integer> blockOutChannels,
    int layersPerBlock,
    List<Boolean> crossAttentionDown,
    List<Boolean> crossAttentionUp,
    List<Integer> heads,
    List<Integer> transformerLayers,
    int crossAttentionDim,
    int normGroups,
    float normEps,
    boolean flipSinToCos,
    int freqShift,
    boolean linearProjection,
    int downsamplePadding,
    int timeEmbeddingDim,
    int sampleSize) {

  private static final Set<String> DOWN = Set.of("CrossAttnDownBlock2D", "DownBlock2D");
  private static final Set<String> UP = Set.of("CrossAttnUpBlock2D", "UpBlock2D");

  public UNetConfig {
    blockOutChannels = List.copyOf(blockOutChannels);
    crossAttentionDown = List.copyOf(crossAttentionDown);
    crossAttentionUp = List.copyOf(crossAttentionUp);
    heads = List.copyOf(heads);
    transformerLayers = List.copyOf(transformerLayers);
  }

  /**
   * Stable Diffusion 1.x (and 2.x when {@code sd2} is set: linear projections, 64-wide heads),
   * trained at 512 pixels.
   */
  public static UNetConfig stableDiffusion(boolean sd2, int inChannels) {
    List<Boolean> down = List.of(true, true, true, false);
    List<Boolean> up = List.of(false, true, true, true);
    return new UNetConfig(
        inChannels,
        4,
        List.of(320, 640, 1280, 1280),
        2,
        down,
        up,
        sd2 ? List.of(5, 10, 20, 20) : List.of(8, 8, 8, 8),
        List.of(1, 1, 1, 1),
        sd2 ? 1024 : 768,
        32,
        1e-5f,
        true,
        0,
        sd2,
        1,
        1280,
        64);
  }

  public static UNetConfig from(JsonConfig json) {
    List<Integer> channels =
        json.positiveIntList("block_out_channels", List.of(320, 640, 1280, 1280));
    int blocks = channels.size();
    List<Boolean> down = blockTypes(json, "down_block_types", DOWN, "CrossAttnDownBlock2D", blocks);
    List<Boolean> up = blockTypes(json, "up_block_types", UP, "CrossAttnUpBlock2D", blocks);
    rejectUnsupported(json);
    List<Integer> heads =
        json.has("num_attention_heads")
            ? json.perBlockInts("num_attention_heads", blocks, 8)
            : json.perBlockInts("attention_head_dim", blocks, 8);
    for (int i = 0; i < blocks; i++) {
      if (channels.get(i) % heads.get(i) != 0) {
        throw new ModelFormatException(
            json.file(),
            "block_out_channels["
                + i
                + "]="
                + channels.get(i)
                + " is not divisible by its "
                + heads.get(i)
                + " attention heads");
      }
    }
    int groups = json.positiveInt("norm_num_groups", 32);
    return new UNetConfig(
        json.positiveInt("in_channels", 4),
        json.positiveInt("out_channels", 4),
        channels,
        json.positiveInt("layers_per_block", 2),
        down,
        up,
        heads,
        json.perBlockInts("transformer_layers_per_block", blocks, 1),
        json.positiveInt("cross_attention_dim", 768),
        groups,
        (float) json.positiveDouble("norm_eps", 1e-5),
        json.bool("flip_sin_to_cos", true),
        json.nonNegativeInt("freq_shift", 0),
        json.bool("use_linear_projection", false),
        json.nonNegativeInt("downsample_padding", 1),
        json.positiveInt("time_embedding_dim", channels.get(0) * 4),
        json.positiveInt("sample_size", 64));
  }

  private static List<Boolean> blockTypes(
      JsonConfig json, String key, Set<String> allowed, String crossAttention, int blocks) {
    List<String> types = json.stringList(key, null);
    if (types == null) {
      throw new ModelFormatException(json.file(), key + " is missing");
    }
    if (types.size() != blocks) {
      throw new ModelFormatException(
          json.file(),
          key + " has " + types.size() + " entries but block_out_channels has " + blocks);
    }
    for (String type : types) {
      if (!allowed.contains(type)) {
        throw new ModelFormatException(
            json.file(), key + " contains '" + type + "': supported are " + allowed);
      }
    }
    return types.stream().map(crossAttention::equals).toList();
  }

  /** Features of other model families that this architecture would silently get wrong. */
  private static void rejectUnsupported(JsonConfig json) {
    for (String key : List.of("class_embed_type", "addition_embed_type", "encoder_hid_dim")) {
      if (json.has(key)) {
        throw new ModelFormatException(
            json.file(), key + " is set: this UNet variant (e.g. SDXL) is not supported");
      }
    }
    String midBlock = json.string("mid_block_type", "UNetMidBlock2DCrossAttn");
    if (!midBlock.equals("UNetMidBlock2DCrossAttn")) {
      throw new ModelFormatException(
          json.file(), "mid_block_type='" + midBlock + "': supported is UNetMidBlock2DCrossAttn");
    }
    String shift = json.string("resnet_time_scale_shift", "default");
    if (!shift.equals("default")) {
      throw new ModelFormatException(
          json.file(), "resnet_time_scale_shift='" + shift + "': supported is 'default'");
    }
    if (json.bool("only_cross_attention", false) || json.bool("dual_cross_attention", false)) {
      throw new ModelFormatException(
          json.file(), "only_cross_attention/dual_cross_attention are not supported");
    }
    String act = json.string("act_fn", "silu");
    if (!act.equals("silu")) {
      throw new ModelFormatException(json.file(), "act_fn='" + act + "': supported is 'silu'");
    }
  }

  public int blocks() {
    return blockOutChannels.size();
  }

  /** The diffusers {@code config.json} form. */
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("_class_name", "UNet2DConditionModel");
    json.put("in_channels", inChannels);
    json.put("out_channels", outChannels);
    json.put("block_out_channels", blockOutChannels);
    json.put("layers_per_block", layersPerBlock);
    json.put(
        "down_block_types",
        crossAttentionDown.stream().map(c -> c ? "CrossAttnDownBlock2D" : "DownBlock2D").toList());
    json.put("mid_block_type", "UNetMidBlock2DCrossAttn");
    json.put(
        "up_block_types",
        crossAttentionUp.stream().map(c -> c ? "CrossAttnUpBlock2D" : "UpBlock2D").toList());
    json.put("attention_head_dim", heads);
    json.put("transformer_layers_per_block", transformerLayers);
    json.put("cross_attention_dim", crossAttentionDim);
    json.put("norm_num_groups", normGroups);
    json.put("norm_eps", normEps);
    json.put("flip_sin_to_cos", flipSinToCos);
    json.put("freq_shift", freqShift);
    json.put("use_linear_projection", linearProjection);
    json.put("downsample_padding", downsamplePadding);
    json.put("time_embedding_dim", timeEmbeddingDim);
    json.put("act_fn", "silu");
    json.put("sample_size", sampleSize);
    return json;
  }
}
