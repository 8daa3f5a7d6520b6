package com.diffusionlab.engine.loading;

import ai.djl.ndarray.types.Shape;
import com.diffusionlab.engine.clip.ClipTextConfig;
import com.diffusionlab.engine.nn.RandomInit;
import com.diffusionlab.engine.unet.UNetConfig;
import com.diffusionlab.engine.vae.VaeConfig;
import com.diffusionlab.engine.weights.SafetensorsDtype;
import com.diffusionlab.engine.weights.SafetensorsWriter;
import com.diffusionlab.engine.weights.TensorSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes Stable Diffusion checkpoints with random weights in the original single-file layout, the
 * way model sites distribute them: to benchmark full-size models and to test loading without
 * downloading anything. Speed does not depend on the weights' values.
 */
public final class RandomCheckpoints {
  private RandomCheckpoints() {}

  /**
   * @param sd2 SD 2.x (OpenCLIP text encoder with fused attention projections) instead of SD 1.x
   * @param dtype F16 (as most published checkpoints) or F32
   */
  public static void writeSingleFile(Path file, boolean sd2, SafetensorsDtype dtype, long seed)
      throws IOException {
    UNetConfig unetConfig = UNetConfig.stableDiffusion(sd2, 4);
    ClipTextConfig textConfig = sd2 ? ClipTextConfig.sd2() : ClipTextConfig.sd1();
    Map<String, Shape> tensors = new LinkedHashMap<>();
    KeyMap text =
        sd2
            ? OriginalLayoutKeys.sd2Text(textConfig.layers())
            : OriginalLayoutKeys.sd1Text(OriginalLayoutKeys.SD1_TEXT_PREFIX);
    addShapes(tensors, ExpectedShapes.textEncoder(textConfig), text);
    addShapes(tensors, ExpectedShapes.unet(unetConfig), OriginalLayoutKeys.unet(unetConfig));
    VaeConfig vaeConfig = VaeConfig.stableDiffusion();
    addShapes(
        tensors,
        ExpectedShapes.vae(vaeConfig),
        OriginalLayoutKeys.vae(vaeConfig.blockOutChannels().size()));
    List<TensorSpec> specs = new ArrayList<>();
    tensors.forEach((name, shape) -> specs.add(new TensorSpec(name, dtype, shape.getShape())));
    RandomInit init = new RandomInit(seed);
    try (SafetensorsWriter writer =
        SafetensorsWriter.create(
            file, Map.of("format", "pt", "generator", "diffusion-lab random"), specs)) {
      for (Map.Entry<String, Shape> tensor : tensors.entrySet()) {
        writer.write(tensor.getKey(), init.values(tensor.getKey(), tensor.getValue()));
      }
    }
  }

  /**
   * OpenCLIP stores query, key and value as one matrix: the three diffusers parameters that map to
   * slices of it become one tensor of the summed shape.
   */
  private static void addShapes(
      Map<String, Shape> tensors, Map<String, Shape> expected, KeyMap keys) {
    expected.forEach(
        (parameter, shape) -> {
          TensorRef ref = keys.sourceOf(parameter);
          Shape stored =
              ref.sliced()
                  ? new Shape(concat(shape.get(0) * ref.parts(), shape.slice(1).getShape()))
                  : shape;
          tensors.putIfAbsent(ref.name(), stored);
        });
  }

  private static long[] concat(long first, long[] rest) {
    long[] dims = new long[rest.length + 1];
    dims[0] = first;
    System.arraycopy(rest, 0, dims, 1, rest.length);
    return dims;
  }
}
