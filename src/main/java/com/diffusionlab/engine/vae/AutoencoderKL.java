package com.diffusionlab.engine.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import com.diffusionlab.engine.nn.Conv2d;
import com.diffusionlab.engine.nn.GroupNorm;
import com.diffusionlab.engine.nn.MultiHeadAttention;
import com.diffusionlab.engine.nn.Params;
import com.diffusionlab.engine.nn.Resampling;
import com.diffusionlab.engine.nn.ResnetBlock;
import com.diffusionlab.engine.nn.Scoped;
import java.util.ArrayList;
import java.util.List;

/**
 * The KL autoencoder that maps images to Stable Diffusion's latent space and back: an encoder for
 * img2img and inpainting, a decoder for every generation. Latents are scaled by the config's
 * scaling factor, as the UNet expects them.
 */
public final class AutoencoderKL {
  private static final float EPS = 1e-6f;

  private final VaeConfig config;
  private final Coder encoder;
  private final Conv2d quantConv;
  private final Conv2d postQuantConv;
  private final Coder decoder;

  public AutoencoderKL(VaeConfig config, Params params) {
    this.config = config;
    int latent = config.latentChannels();
    encoder = new Coder(params.child("encoder"), config, true);
    quantConv = Conv2d.pointwise(params.child("quant_conv"), 2L * latent, 2L * latent);
    postQuantConv = Conv2d.pointwise(params.child("post_quant_conv"), latent, latent);
    decoder = new Coder(params.child("decoder"), config, false);
  }

  public VaeConfig config() {
    return config;
  }

  /**
   * Encodes images in [-1, 1] to scaled latents, taking the mean of the latent distribution: a
   * sample would need random numbers outside the run's noise generator, and its spread is tiny.
   */
  public NDArray encode(NDArray images) {
    NDArray mean = moments(images).split(2, 1).get(0);
    return mean.mul(config.scalingFactor());
  }

  /**
   * The latent distribution of each image, unscaled: mean in the first {@code latent_channels}
   * channels, log-variance in the rest. Training samples from it; generation takes the mean.
   */
  public NDArray moments(NDArray images) {
    return quantConv.forward(encoder.forward(images));
  }

  /** Decodes scaled latents to images in roughly [-1, 1] (not clamped). */
  public NDArray decode(NDArray latents) {
    return decoder.forward(postQuantConv.forward(latents.div(config.scalingFactor())));
  }

  /** The encoder or the decoder: the same stages, mirrored. */
  private static final class Coder {
    private final boolean encoding;
    private final Conv2d convIn;
    private final List<List<ResnetBlock>> levels = new ArrayList<>();
    private final List<Resampling.Down> downsamplers = new ArrayList<>();
    private final List<Resampling.Up> upsamplers = new ArrayList<>();
    private final ResnetBlock midResnet1;
    private final GroupNorm attentionNorm;
    private final MultiHeadAttention attention;
    private final ResnetBlock midResnet2;
    private final GroupNorm normOut;
    private final Conv2d convOut;

    Coder(Params params, VaeConfig config, boolean encoding) {
      this.encoding = encoding;
      List<Integer> channels = config.blockOutChannels();
      int blocks = channels.size();
      int groups = config.normGroups();
      long top = channels.get(blocks - 1);
      long in = encoding ? config.inChannels() : config.latentChannels();
      long firstWidth = encoding ? channels.get(0) : top;
      convIn = Conv2d.same3x3(params.child("conv_in"), in, firstWidth);

      Params mid = params.child("mid_block");
      midResnet1 = new ResnetBlock(mid.child("resnets", 0), top, top, 0, groups, EPS);
      Params attentionParams = mid.child("attentions", 0);
      attentionNorm = new GroupNorm(attentionParams.child("group_norm"), groups, top, EPS);
      attention = MultiHeadAttention.singleHeadWithBias(attentionParams, top);
      midResnet2 = new ResnetBlock(mid.child("resnets", 1), top, top, 0, groups, EPS);

      long previous = firstWidth;
      int layers = encoding ? config.layersPerBlock() : config.layersPerBlock() + 1;
      String blockName = encoding ? "down_blocks" : "up_blocks";
      for (int i = 0; i < blocks; i++) {
        long out = encoding ? channels.get(i) : channels.get(blocks - 1 - i);
        Params block = params.child(blockName, i);
        List<ResnetBlock> resnets = new ArrayList<>();
        for (int j = 0; j < layers; j++) {
          resnets.add(
              new ResnetBlock(
                  block.child("resnets", j), j == 0 ? previous : out, out, 0, groups, EPS));
        }
        levels.add(resnets);
        if (i < blocks - 1) {
          if (encoding) {
            downsamplers.add(new Resampling.Down(block.child("downsamplers", 0), out, 0));
          } else {
            upsamplers.add(new Resampling.Up(block.child("upsamplers", 0), out));
          }
        }
        previous = out;
      }
      long last = encoding ? top : channels.get(0);
      normOut = new GroupNorm(params.child("conv_norm_out"), groups, last, EPS);
      long out = encoding ? 2L * config.latentChannels() : config.outChannels();
      convOut = Conv2d.same3x3(params.child("conv_out"), last, out);
    }

    /**
     * Every stage frees its input once its first block has run: at 512×512 the inputs of the last
     * levels are the largest arrays of a decode, and kept until the end they added a third to its
     * peak.
     */
    NDArray forward(NDArray x) {
      NDArray h = convIn.forward(x);
      if (encoding) {
        h = levels(h);
        h = middle(h);
      } else {
        h = middle(h);
        h = levels(h);
      }
      try (NDArray last = h;
          NDArray activated = normOut.forwardSilu(last)) {
        return convOut.forward(activated);
      }
    }

    /** Each level in its own scope: only its output outlives it. */
    private NDArray levels(NDArray h) {
      for (int i = 0; i < levels.size(); i++) {
        NDArray in = h;
        int level = i;
        h = Scoped.run(in, () -> level(level, in), in);
      }
      return h;
    }

    private NDArray level(int index, NDArray input) {
      NDArray h = input;
      for (ResnetBlock resnet : levels.get(index)) {
        h = resnet.forwardConsuming(h, null);
      }
      if (index < levels.size() - 1) {
        if (encoding) {
          NDArray full = h;
          try (full) {
            h = downsamplers.get(index).forward(full);
          }
        } else {
          h = upsamplers.get(index).forwardConsuming(h);
        }
      }
      return h;
    }

    private NDArray middle(NDArray input) {
      return Scoped.run(input, () -> computeMiddle(input), input);
    }

    private NDArray computeMiddle(NDArray input) {
      NDArray h = midResnet1.forwardConsuming(input, null);
      Shape shape = h.getShape();
      long batch = shape.get(0);
      long channels = shape.get(1);
      NDArray tokens = attentionNorm.forward(h).reshape(batch, channels, -1).transpose(0, 2, 1);
      NDArray attended = attention.forward(tokens, tokens, null).transpose(0, 2, 1).reshape(shape);
      h = h.add(attended);
      return midResnet2.forward(h, null);
    }
  }
}
