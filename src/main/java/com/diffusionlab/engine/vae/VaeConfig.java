package com.diffusionlab.engine.vae;

import com.diffusionlab.engine.ModelFormatException;
import com.diffusionlab.engine.config.JsonConfig;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The architecture of an {@code AutoencoderKL}, as in a diffusers vae {@code config.json}. */
public record VaeConfig(
    int inChannels,
    int outChannels,
    List<Integer> blockOutChannels,
    int layersPerBlock,
    int latentChannels,
    int normGroups,
    float scalingFactor) {

  public VaeConfig {
    blockOutChannels = List.copyOf(blockOutChannels);
  }

  /** The VAE of SD 1.x and 2.x. */
  public static VaeConfig stableDiffusion() {
    return new VaeConfig(3, 3, List.of(128, 256, 512, 512), 2, 4, 32, 0.18215f);
  }

  public static VaeConfig from(JsonConfig json) {
    List<Integer> channels = json.positiveIntList("block_out_channels", List.of(64));
    for (String key : List.of("down_block_types", "up_block_types")) {
      List<String> types = json.stringList(key, null);
      String expected = key.startsWith("down") ? "DownEncoderBlock2D" : "UpDecoderBlock2D";
      if (types != null
          && (types.size() != channels.size()
              || types.stream().anyMatch(t -> !t.equals(expected)))) {
        throw new ModelFormatException(
            json.file(), key + "=" + types + ": expected " + channels.size() + " × " + expected);
      }
    }
    if (json.bool("use_quant_conv", true) != json.bool("use_post_quant_conv", true)
        || !json.bool("use_quant_conv", true)) {
      throw new ModelFormatException(json.file(), "VAEs without quant_conv are not supported");
    }
    return new VaeConfig(
        json.positiveInt("in_channels", 3),
        json.positiveInt("out_channels", 3),
        channels,
        json.positiveInt("layers_per_block", 1),
        json.positiveInt("latent_channels", 4),
        json.positiveInt("norm_num_groups", 32),
        (float) json.positiveDouble("scaling_factor", 0.18215));
  }

  /** How much smaller the latent is than the image along each side. */
  public int downscale() {
    return 1 << (blockOutChannels.size() - 1);
  }

  /** The diffusers {@code config.json} form. */
  public Map<String, Object> toJson() {
    int blocks = blockOutChannels.size();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("_class_name", "AutoencoderKL");
    json.put("in_channels", inChannels);
    json.put("out_channels", outChannels);
    json.put("block_out_channels", blockOutChannels);
    json.put("down_block_types", Collections.nCopies(blocks, "DownEncoderBlock2D"));
    json.put("up_block_types", Collections.nCopies(blocks, "UpDecoderBlock2D"));
    json.put("layers_per_block", layersPerBlock);
    json.put("latent_channels", latentChannels);
    json.put("norm_num_groups", normGroups);
    json.put("act_fn", "silu");
    json.put("scaling_factor", scalingFactor);
    return json;
  }

  /** The same autoencoder with another latent scaling factor (fitted after training). */
  public VaeConfig withScalingFactor(float factor) {
    return new VaeConfig(
        inChannels,
        outChannels,
        blockOutChannels,
        layersPerBlock,
        latentChannels,
        normGroups,
        factor);
  }
}
