package com.diffusionlab.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.diffusionlab.engine.clip.ClipTextConfig;
import com.diffusionlab.engine.clip.ClipTextModel;
import com.diffusionlab.engine.nn.NativeKernels;
import com.diffusionlab.engine.nn.Params;
import com.diffusionlab.engine.nn.ShapeRecorder;
import com.diffusionlab.engine.unet.UNet2DConditionModel;
import com.diffusionlab.engine.unet.UNetConfig;
import com.diffusionlab.engine.vae.AutoencoderKL;
import com.diffusionlab.engine.vae.VaeConfig;
import org.junit.jupiter.api.Test;

/** Published parameter counts of SD 1.5's components (DESIGN.md, reference facts). */
class ArchitectureParameterCountTest {

  @Test
  void sd15UNetHasThePublishedParameterCount() {
    ShapeRecorder shapes = new ShapeRecorder();
    new UNet2DConditionModel(
        UNetConfig.stableDiffusion(false, 4), Params.root(shapes, new NativeKernels()));
    assertThat(shapes.parameterCount()).isEqualTo(859_520_964L);
    assertThat(shapes.shapes())
        .containsKeys(
            "conv_in.weight",
            "down_blocks.0.attentions.1.transformer_blocks.0.attn2.to_k.weight",
            "up_blocks.3.resnets.2.conv_shortcut.weight",
            "mid_block.attentions.0.proj_out.weight");
  }

  @Test
  void sd15TextEncoderHasThePublishedParameterCount() {
    ShapeRecorder shapes = new ShapeRecorder();
    new ClipTextModel(ClipTextConfig.sd1(), Params.root(shapes, new NativeKernels()));
    assertThat(shapes.parameterCount()).isEqualTo(123_060_480L);
  }

  @Test
  void sd15VaeHasThePublishedParameterCount() {
    ShapeRecorder shapes = new ShapeRecorder();
    new AutoencoderKL(VaeConfig.stableDiffusion(), Params.root(shapes, new NativeKernels()));
    assertThat(shapes.parameterCount()).isEqualTo(83_653_863L);
  }

  @Test
  void sd2ComponentsHaveTheirPublishedParameterCounts() {
    ShapeRecorder unet = new ShapeRecorder();
    new UNet2DConditionModel(
        UNetConfig.stableDiffusion(true, 4), Params.root(unet, new NativeKernels()));
    // stabilityai/stable-diffusion-2-1: UNet 865,910,724; OpenCLIP-H text tower minus its last
    // layer 340,387,840
    assertThat(unet.parameterCount()).isEqualTo(865_910_724L);
    ShapeRecorder text = new ShapeRecorder();
    new ClipTextModel(ClipTextConfig.sd2(), Params.root(text, new NativeKernels()));
    assertThat(text.parameterCount()).isEqualTo(340_387_840L);
  }
}
