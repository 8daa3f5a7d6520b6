package com.diffusionlab.engine.pipeline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import com.diffusionlab.engine.nn.Scoped;
import com.diffusionlab.engine.sampling.NoisePredictor;
import com.diffusionlab.engine.unet.UNet2DConditionModel;
import java.util.Arrays;

/**
 * The UNet with classifier-free guidance: one batched call on the unconditional and conditional
 * embeddings, combined as {@code u + cfg·(c − u)}. Scale 1 skips the unconditional half. Inpainting
 * UNets get their mask and masked-image latents appended to the input channels. The sampler works
 * in float32; the UNet runs in the model's precision.
 */
final class GuidedPredictor implements NoisePredictor {

  private final UNet2DConditionModel unet;
  private final DataType dataType;
  private final double cfg;

  /** {@code (2B, tokens, dim)}: negative then positive; or {@code (B, …)} positive when cfg = 1. */
  private final NDArray context;

  /** {@code (B, extra channels, h, w)} for inpainting UNets, else null. */
  private final NDArray conditioning;

  GuidedPredictor(
      UNet2DConditionModel unet,
      DataType dataType,
      double cfg,
      NDArray context,
      NDArray conditioning) {
    this.unet = unet;
    this.dataType = dataType;
    this.cfg = cfg;
    this.context = context;
    this.conditioning = conditioning;
  }

  static boolean needsUnconditional(double cfg) {
    return cfg != 1;
  }

  @Override
  public NDArray predict(NDArray scaledInput, double timestep) {
    return Scoped.run(
        scaledInput, () -> compute(scaledInput, timestep), scaledInput, context, conditioning);
  }

  private NDArray compute(NDArray scaledInput, double timestep) {
    NDArray x = scaledInput;
    if (conditioning != null) {
      x = x.concat(conditioning, 1);
    }
    boolean guided = needsUnconditional(cfg);
    if (guided) {
      x = x.concat(x, 0);
    }
    long batch = x.getShape().get(0);
    float[] timesteps = new float[(int) batch];
    Arrays.fill(timesteps, (float) timestep);
    NDArray t = x.getManager().create(timesteps);
    NDArray out =
        unet.forward(x.toType(dataType, false), t, context).toType(DataType.FLOAT32, false);
    if (!guided) {
      return out;
    }
    NDList halves = out.split(2, 0);
    NDArray unconditional = halves.get(0);
    return unconditional.add(halves.get(1).sub(unconditional).mul(cfg));
  }
}
