package com.diffusionlab.engine.loading;

import ai.djl.ndarray.types.Shape;
import com.diffusionlab.engine.clip.ClipTextConfig;
import com.diffusionlab.engine.clip.ClipTextModel;
import com.diffusionlab.engine.nn.NativeKernels;
import com.diffusionlab.engine.nn.Params;
import com.diffusionlab.engine.nn.ShapeRecorder;
import com.diffusionlab.engine.unet.UNet2DConditionModel;
import com.diffusionlab.engine.unet.UNetConfig;
import com.diffusionlab.engine.vae.AutoencoderKL;
import com.diffusionlab.engine.vae.VaeConfig;
import java.util.Map;
import java.util.function.Consumer;

/** The parameters (diffusers names and shapes) each network asks for, without building it. */
final class ExpectedShapes {
  private ExpectedShapes() {}

  static Map<String, Shape> textEncoder(ClipTextConfig config) {
    return record(params -> new ClipTextModel(config, params));
  }

  static Map<String, Shape> unet(UNetConfig config) {
    return record(params -> new UNet2DConditionModel(config, params));
  }

  static Map<String, Shape> vae(VaeConfig config) {
    return record(params -> new AutoencoderKL(config, params));
  }

  private static Map<String, Shape> record(Consumer<Params> build) {
    ShapeRecorder recorder = new ShapeRecorder();
    // recording builds nothing that runs, so any kernels will do
    build.accept(Params.root(recorder, new NativeKernels()));
    return recorder.shapes();
  }
}
