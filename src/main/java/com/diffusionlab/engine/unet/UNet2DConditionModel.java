package com.diffusionlab.engine.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.diffusionlab.engine.nn.Activations;
import com.diffusionlab.engine.nn.Conv2d;
import com.diffusionlab.engine.nn.GroupNorm;
import com.diffusionlab.engine.nn.Linear;
import com.diffusionlab.engine.nn.Params;
import com.diffusionlab.engine.nn.Resampling;
import com.diffusionlab.engine.nn.ResnetBlock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The denoising UNet of Stable Diffusion, {@code UNet2DConditionModel} in diffusers, built from its
 * config: a sinusoidal time embedding, down blocks of ResNets (with spatial transformers where the
 * block type asks for cross-attention) and downsamplers, a middle block, and up blocks that consume
 * the skip connections in reverse.
 */
public final class UNet2DConditionModel {

  private final UNetConfig config;
  private final Linear timeLinear1;
  private final Linear timeLinear2;
  private final Conv2d convIn;
  private final List<Level> down = new ArrayList<>();
  private final ResnetBlock midResnet1;
  private final SpatialTransformer midAttention;
  private final ResnetBlock midResnet2;
  private final List<Level> up = new ArrayList<>();
  private final GroupNorm normOut;
  private final Conv2d convOut;

  public UNet2DConditionModel(UNetConfig config, Params params) {
    this.config = config;
    List<Integer> channels = config.blockOutChannels();
    int blocks = config.blocks();
    long base = channels.get(0);
    long time = config.timeEmbeddingDim();
    int groups = config.normGroups();
    float eps = config.normEps();
    long context = config.crossAttentionDim();
    Params timeEmbedding = params.child("time_embedding");
    timeLinear1 = new Linear(timeEmbedding.child("linear_1"), base, time, true);
    timeLinear2 = new Linear(timeEmbedding.child("linear_2"), time, time, true);
    convIn = Conv2d.same3x3(params.child("conv_in"), config.inChannels(), base);

    long previous = base;
    for (int i = 0; i < blocks; i++) {
      Params block = params.child("down_blocks", i);
      long out = channels.get(i);
      List<ResnetBlock> resnets = new ArrayList<>();
      List<SpatialTransformer> attentions = new ArrayList<>();
      for (int j = 0; j < config.layersPerBlock(); j++) {
        long in = j == 0 ? previous : out;
        resnets.add(new ResnetBlock(block.child("resnets", j), in, out, time, groups, eps));
        if (config.crossAttentionDown().get(i)) {
          attentions.add(transformer(block.child("attentions", j), out, i, i, context));
        }
      }
      Resampling.Down downsampler =
          i < blocks - 1
              ? new Resampling.Down(block.child("downsamplers", 0), out, config.downsamplePadding())
              : null;
      down.add(new Level(resnets, attentions, downsampler, null));
      previous = out;
    }

    long top = channels.get(blocks - 1);
    Params mid = params.child("mid_block");
    midResnet1 = new ResnetBlock(mid.child("resnets", 0), top, top, time, groups, eps);
    midAttention = transformer(mid.child("attentions", 0), top, blocks - 1, blocks - 1, context);
    midResnet2 = new ResnetBlock(mid.child("resnets", 1), top, top, time, groups, eps);

    previous = top;
    for (int i = 0; i < blocks; i++) {
      int mirrored = blocks - 1 - i;
      Params block = params.child("up_blocks", i);
      long out = channels.get(mirrored);
      long skipIn = channels.get(Math.max(mirrored - 1, 0));
      int layers = config.layersPerBlock() + 1;
      List<ResnetBlock> resnets = new ArrayList<>();
      List<SpatialTransformer> attentions = new ArrayList<>();
      for (int j = 0; j < layers; j++) {
        long skip = j == layers - 1 ? skipIn : out;
        long in = (j == 0 ? previous : out) + skip;
        resnets.add(new ResnetBlock(block.child("resnets", j), in, out, time, groups, eps));
        if (config.crossAttentionUp().get(i)) {
          attentions.add(
              transformer(block.child("attentions", j), out, mirrored, mirrored, context));
        }
      }
      Resampling.Up upsampler =
          i < blocks - 1 ? new Resampling.Up(block.child("upsamplers", 0), out) : null;
      up.add(new Level(resnets, attentions, null, upsampler));
      previous = out;
    }
    normOut = new GroupNorm(params.child("conv_norm_out"), groups, base, eps);
    convOut = Conv2d.same3x3(params.child("conv_out"), base, config.outChannels());
  }

  private SpatialTransformer transformer(
      Params params, long channels, int headsOf, int layersOf, long context) {
    return new SpatialTransformer(
        params,
        channels,
        config.heads().get(headsOf),
        config.transformerLayers().get(layersOf),
        context,
        config.normGroups(),
        config.linearProjection());
  }

  public UNetConfig config() {
    return config;
  }

  /**
   * Predicts the noise (or v) in {@code sample}.
   *
   * @param sample {@code (batch, in_channels, h, w)}
   * @param timesteps {@code (batch)} float timesteps; fractional ones are allowed
   * @param context {@code (batch, tokens, cross_attention_dim)} text embeddings
   */
  public NDArray forward(NDArray sample, NDArray timesteps, NDArray context) {
    NDArray time = timeLinear2.forward(Activations.silu(timeLinear1.forward(sinusoid(timesteps))));
    NDArray activatedTime = Activations.silu(time);

    NDArray h = convIn.forward(sample);
    Deque<NDArray> skips = new ArrayDeque<>();
    skips.push(h);
    for (Level level : down) {
      for (int j = 0; j < level.resnets().size(); j++) {
        h = level.resnets().get(j).forward(h, activatedTime);
        if (!level.attentions().isEmpty()) {
          h = level.attentions().get(j).forward(h, context);
        }
        skips.push(h);
      }
      if (level.downsampler() != null) {
        h = level.downsampler().forward(h);
        skips.push(h);
      }
    }
    h = midResnet1.forward(h, activatedTime);
    h = midAttention.forward(h, context);
    h = midResnet2.forward(h, activatedTime);
    for (Level level : up) {
      for (int j = 0; j < level.resnets().size(); j++) {
        h = h.concat(skips.pop(), 1);
        h = level.resnets().get(j).forward(h, activatedTime);
        if (!level.attentions().isEmpty()) {
          h = level.attentions().get(j).forward(h, context);
        }
      }
      if (level.upsampler() != null) {
        NDArray next = skips.peek();
        h = level.upsampler().forward(h, next.getShape().get(2), next.getShape().get(3));
      }
    }
    return convOut.forward(normOut.forwardSilu(h));
  }

  /** diffusers' {@code get_timestep_embedding}, computed with torch's float32 arithmetic. */
  private NDArray sinusoid(NDArray timesteps) {
    NDManager manager = timesteps.getManager();
    int half = config.blockOutChannels().get(0) / 2;
    NDArray exponent =
        manager
            .arange(0, half, 1, DataType.FLOAT32)
            .mul((float) -Math.log(10000))
            .div(half - config.freqShift())
            .exp();
    NDArray angles =
        timesteps.toType(DataType.FLOAT32, false).expandDims(1).mul(exponent.expandDims(0));
    NDArray sin = angles.sin();
    NDArray cos = angles.cos();
    return config.flipSinToCos() ? cos.concat(sin, 1) : sin.concat(cos, 1);
  }

  private record Level(
      List<ResnetBlock> resnets,
      List<SpatialTransformer> attentions,
      Resampling.Down downsampler,
      Resampling.Up upsampler) {}
}
