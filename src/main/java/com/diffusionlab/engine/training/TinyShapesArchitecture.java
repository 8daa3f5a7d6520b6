package com.diffusionlab.engine.training;

import com.diffusionlab.engine.clip.ClipTextConfig;
import com.diffusionlab.engine.loading.ModelArchitecture;
import com.diffusionlab.engine.sampling.SchedulerConfig;
import com.diffusionlab.engine.unet.UNetConfig;
import com.diffusionlab.engine.vae.VaeConfig;
import java.util.List;

/**
 * The tiny-shapes model: Stable Diffusion's architecture at a size a 2-core CPU trains in an hour.
 * 64×64 images, a VAE that downscales 4× to 4×16×16 latents, a UNet with cross-attention at the two
 * finer levels, and a two-layer CLIP text encoder over the caption grammar's own vocabulary.
 */
public final class TinyShapesArchitecture {
  private TinyShapesArchitecture() {}

  /** The bundled model's configuration. */
  public static ModelArchitecture standard(int vocabularySize, int contextLength) {
    return new ModelArchitecture(
        new ClipTextConfig(vocabularySize, 64, 256, 2, 4, contextLength, "quick_gelu", 1e-5f),
        unet(List.of(64, 96, 128), 8, 64),
        new VaeConfig(3, 3, List.of(32, 32, 64), 1, 4, 8, 1f),
        SchedulerConfig.stableDiffusionDefaults());
  }

  /** A much smaller model of the same shape, for tests of the training machinery. */
  public static ModelArchitecture micro(int vocabularySize, int contextLength) {
    return new ModelArchitecture(
        new ClipTextConfig(vocabularySize, 16, 32, 1, 2, contextLength, "quick_gelu", 1e-5f),
        unet(List.of(8, 16, 16), 4, 16),
        new VaeConfig(3, 3, List.of(8, 8, 8), 1, 4, 4, 1f),
        SchedulerConfig.stableDiffusionDefaults());
  }

  private static UNetConfig unet(List<Integer> channels, int groups, int contextDim) {
    return new UNetConfig(
        4,
        4,
        channels,
        1,
        List.of(true, true, false),
        List.of(false, true, true),
        List.of(4, 4, 4),
        List.of(1, 1, 1),
        contextDim,
        groups,
        1e-5f,
        true,
        0,
        true,
        1,
        channels.get(0) * 4,
        16);
  }
}
