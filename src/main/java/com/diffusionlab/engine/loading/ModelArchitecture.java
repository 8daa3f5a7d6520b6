package com.diffusionlab.engine.loading;

import ai.djl.ndarray.types.Shape;
import com.diffusionlab.engine.clip.ClipTextConfig;
import com.diffusionlab.engine.sampling.SchedulerConfig;
import com.diffusionlab.engine.unet.UNetConfig;
import com.diffusionlab.engine.vae.VaeConfig;
import java.util.LinkedHashMap;
import java.util.SequencedMap;

/** The configurations of a Stable Diffusion-family model's parts. */
public record ModelArchitecture(
    ClipTextConfig textEncoder, UNetConfig unet, VaeConfig vae, SchedulerConfig scheduler) {

  /** Stable Diffusion 1.5: the published configuration. */
  public static ModelArchitecture sd15() {
    return new ModelArchitecture(
        ClipTextConfig.sd1(),
        UNetConfig.stableDiffusion(false, 4),
        VaeConfig.stableDiffusion(),
        SchedulerConfig.stableDiffusionDefaults());
  }

  /** Every component's parameters by diffusers name, in declaration order. */
  public SequencedMap<String, SequencedMap<String, Shape>> parameterShapes() {
    SequencedMap<String, SequencedMap<String, Shape>> shapes = new LinkedHashMap<>();
    shapes.put(
        CheckpointLayout.TEXT_ENCODER,
        new LinkedHashMap<>(ExpectedShapes.textEncoder(textEncoder)));
    shapes.put(CheckpointLayout.UNET, new LinkedHashMap<>(ExpectedShapes.unet(unet)));
    shapes.put(CheckpointLayout.VAE, new LinkedHashMap<>(ExpectedShapes.vae(vae)));
    return shapes;
  }
}
