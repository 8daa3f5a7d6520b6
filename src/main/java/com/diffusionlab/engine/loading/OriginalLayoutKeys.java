package com.diffusionlab.engine.loading;

import com.diffusionlab.engine.unet.UNetConfig;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Key maps from diffusers names to the original Stable Diffusion (CompVis / Stability) checkpoint
 * layout, as single-file checkpoints from model sites use it. The block numbering of the original
 * UNet is derived from the config, not hard-coded.
 */
final class OriginalLayoutKeys {

  static final String UNET_PREFIX = "model.diffusion_model.";
  static final String VAE_PREFIX = "first_stage_model.";
  static final String SD1_TEXT_PREFIX = "cond_stage_model.transformer.";
  static final String SD2_TEXT_PREFIX = "cond_stage_model.model.";

  private static final Pattern DOWN =
      Pattern.compile("down_blocks\\.(\\d+)\\.(resnets|attentions|downsamplers)\\.(\\d+)\\.(.+)");
  private static final Pattern UP =
      Pattern.compile("up_blocks\\.(\\d+)\\.(resnets|attentions|upsamplers)\\.(\\d+)\\.(.+)");
  private static final Pattern MID =
      Pattern.compile("mid_block\\.(resnets|attentions)\\.(\\d+)\\.(.+)");
  private static final Map<String, String> UNET_RESNET =
      Map.of(
          "norm1", "in_layers.0",
          "conv1", "in_layers.2",
          "time_emb_proj", "emb_layers.1",
          "norm2", "out_layers.0",
          "conv2", "out_layers.3",
          "conv_shortcut", "skip_connection");
  private static final Map<String, String> TOP_LEVEL =
      Map.of(
          "time_embedding.linear_1", "time_embed.0",
          "time_embedding.linear_2", "time_embed.2",
          "conv_in", "input_blocks.0.0",
          "conv_norm_out", "out.0",
          "conv_out", "out.2");
  private static final List<String> IGNORED_PREFIXES =
      List.of("model_ema.", "cond_stage_model.model.visual.", "loss.", "lora_");

  private OriginalLayoutKeys() {}

  /** Tensors in single-file checkpoints that are known and not needed for inference. */
  static boolean ignorable(String tensor) {
    return IGNORED_PREFIXES.stream().anyMatch(tensor::startsWith)
        || tensor.endsWith("position_ids")
        || tensor.equals("alphas_cumprod")
        || tensor.equals("alphas_cumprod_prev")
        || tensor.equals("betas")
        || tensor.startsWith("sqrt_")
        || tensor.startsWith("log_one_minus")
        || tensor.startsWith("posterior_")
        || tensor.equals("model_ema.decay")
        || tensor.equals("model_ema.num_updates")
        || tensor.equals(SD2_TEXT_PREFIX + "logit_scale")
        || tensor.equals(SD2_TEXT_PREFIX + "text_projection");
  }

  static KeyMap unet(UNetConfig config) {
    int stride = config.layersPerBlock() + 1;
    return parameter -> TensorRef.whole(UNET_PREFIX + unetName(parameter, config, stride));
  }

  private static String unetName(String name, UNetConfig config, int stride) {
    for (Map.Entry<String, String> entry : TOP_LEVEL.entrySet()) {
      if (name.startsWith(entry.getKey() + ".")) {
        return entry.getValue() + name.substring(entry.getKey().length());
      }
    }
    Matcher down = DOWN.matcher(name);
    if (down.matches()) {
      int block = Integer.parseInt(down.group(1));
      int index = Integer.parseInt(down.group(3));
      String rest = down.group(4);
      return switch (down.group(2)) {
        case "resnets" -> "input_blocks." + (1 + block * stride + index) + ".0." + resnet(rest);
        case "attentions" -> "input_blocks." + (1 + block * stride + index) + ".1." + rest;
        default -> "input_blocks." + ((block + 1) * stride) + ".0." + rest.replace("conv.", "op.");
      };
    }
    Matcher mid = MID.matcher(name);
    if (mid.matches()) {
      int index = Integer.parseInt(mid.group(2));
      int position = mid.group(1).equals("attentions") ? 1 : index * 2;
      String rest = mid.group(3);
      return "middle_block." + position + "." + (position == 1 ? rest : resnet(rest));
    }
    Matcher up = UP.matcher(name);
    if (up.matches()) {
      int block = Integer.parseInt(up.group(1));
      int index = Integer.parseInt(up.group(3));
      String rest = up.group(4);
      return switch (up.group(2)) {
        case "resnets" -> "output_blocks." + (block * stride + index) + ".0." + resnet(rest);
        case "attentions" -> "output_blocks." + (block * stride + index) + ".1." + rest;
        default -> {
          int slot = config.crossAttentionUp().get(block) ? 2 : 1;
          yield "output_blocks." + (block * stride + stride - 1) + "." + slot + "." + rest;
        }
      };
    }
    return name;
  }

  private static String resnet(String rest) {
    int dot = rest.indexOf('.');
    String layer = rest.substring(0, dot);
    return UNET_RESNET.getOrDefault(layer, layer) + rest.substring(dot);
  }

  static KeyMap vae(int blocks) {
    return parameter -> TensorRef.whole(VAE_PREFIX + vaeName(parameter, blocks));
  }

  private static final Pattern VAE_LEVEL =
      Pattern.compile(
          "(encoder|decoder)\\.(down|up)_blocks\\.(\\d+)\\.(resnets|downsamplers|upsamplers)\\.(\\d+)\\.(.+)");
  private static final Pattern VAE_MID =
      Pattern.compile("(encoder|decoder)\\.mid_block\\.(resnets|attentions)\\.(\\d+)\\.(.+)");
  private static final Map<String, String> VAE_ATTENTION =
      Map.of(
          "group_norm", "norm",
          "to_q", "q",
          "to_k", "k",
          "to_v", "v",
          "to_out.0", "proj_out");

  private static String vaeName(String name, int blocks) {
    Matcher level = VAE_LEVEL.matcher(name);
    if (level.matches()) {
      String coder = level.group(1);
      int block = Integer.parseInt(level.group(3));
      // the original decoder numbers its levels from the lowest resolution upwards
      int original = coder.equals("decoder") ? blocks - 1 - block : block;
      String direction = coder.equals("encoder") ? "down" : "up";
      String rest = level.group(6);
      return switch (level.group(4)) {
        case "resnets" ->
            coder
                + "."
                + direction
                + "."
                + original
                + ".block."
                + level.group(5)
                + "."
                + rest.replace("conv_shortcut.", "nin_shortcut.");
        case "downsamplers" -> coder + ".down." + original + ".downsample." + rest;
        default -> coder + ".up." + original + ".upsample." + rest;
      };
    }
    Matcher mid = VAE_MID.matcher(name);
    if (mid.matches()) {
      String coder = mid.group(1);
      String rest = mid.group(4);
      if (mid.group(2).equals("attentions")) {
        for (Map.Entry<String, String> entry : VAE_ATTENTION.entrySet()) {
          if (rest.startsWith(entry.getKey() + ".")) {
            return coder
                + ".mid.attn_1."
                + entry.getValue()
                + rest.substring(entry.getKey().length());
          }
        }
      }
      return coder + ".mid.block_" + (Integer.parseInt(mid.group(3)) + 1) + "." + rest;
    }
    return name.replace("conv_norm_out.", "norm_out.");
  }

  /** SD 1.x: transformers' CLIP under {@code cond_stage_model.transformer.}. */
  static KeyMap sd1Text(String prefix) {
    return parameter -> TensorRef.whole(prefix + parameter);
  }

  private static final Pattern OPEN_CLIP_LAYER =
      Pattern.compile("text_model\\.encoder\\.layers\\.(\\d+)\\.(.+)");
  private static final Map<String, String> OPEN_CLIP_LAYER_PARTS =
      Map.of(
          "layer_norm1", "ln_1",
          "layer_norm2", "ln_2",
          "mlp.fc1", "mlp.c_fc",
          "mlp.fc2", "mlp.c_proj",
          "self_attn.out_proj", "attn.out_proj");
  private static final List<String> QKV = List.of("q_proj", "k_proj", "v_proj");

  private static final Pattern OPEN_CLIP_BLOCK =
      Pattern.compile(Pattern.quote(SD2_TEXT_PREFIX) + "transformer\\.resblocks\\.(\\d+)\\..*");

  /**
   * SD 2.x: OpenCLIP's text tower, with query, key and value fused in one matrix. SD 2 conditions
   * on the penultimate layer, so the checkpoint's layers from {@code layers} on are never run.
   */
  static KeyMap sd2Text(int layers) {
    return KeyMap.withIgnored(
        sd2TextNames(),
        tensor -> {
          Matcher block = OPEN_CLIP_BLOCK.matcher(tensor);
          return block.matches() && Integer.parseInt(block.group(1)) >= layers;
        });
  }

  private static KeyMap sd2TextNames() {
    return parameter -> {
      String p = SD2_TEXT_PREFIX;
      switch (parameter) {
        case "text_model.embeddings.token_embedding.weight" -> {
          return TensorRef.whole(p + "token_embedding.weight");
        }
        case "text_model.embeddings.position_embedding.weight" -> {
          return TensorRef.whole(p + "positional_embedding");
        }
        default -> {}
      }
      if (parameter.startsWith("text_model.final_layer_norm.")) {
        return TensorRef.whole(
            p + "ln_final." + parameter.substring("text_model.final_layer_norm.".length()));
      }
      Matcher layer = OPEN_CLIP_LAYER.matcher(parameter);
      if (!layer.matches()) {
        return TensorRef.whole(p + parameter);
      }
      String block = p + "transformer.resblocks." + layer.group(1) + ".";
      String rest = layer.group(2);
      for (int i = 0; i < QKV.size(); i++) {
        String projection = "self_attn." + QKV.get(i) + ".";
        if (rest.startsWith(projection)) {
          String kind = rest.substring(projection.length());
          return new TensorRef(block + "attn.in_proj_" + kind, i, QKV.size());
        }
      }
      for (Map.Entry<String, String> entry : OPEN_CLIP_LAYER_PARTS.entrySet()) {
        if (rest.startsWith(entry.getKey() + ".")) {
          return TensorRef.whole(
              block + entry.getValue() + rest.substring(entry.getKey().length()));
        }
      }
      return TensorRef.whole(block + rest);
    };
  }
}
