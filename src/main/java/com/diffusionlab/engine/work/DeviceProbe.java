package com.diffusionlab.engine.work;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.diffusionlab.engine.DeviceSpeed;
import com.diffusionlab.engine.nn.CountingKernels;
import com.diffusionlab.engine.nn.Kernels;
import com.diffusionlab.engine.nn.Params;
import com.diffusionlab.engine.nn.RandomParameters;
import com.diffusionlab.engine.unet.UNet2DConditionModel;
import com.diffusionlab.engine.unet.UNetConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures a device's speed at the networks' kind of work, for estimates before any generation has
 * run there: a small UNet with random weights (1.5 M parameters, cross-attention at two of its
 * three levels) is timed at an 8×8 and a 32×32 latent. The small pass is mostly kernel calls, the
 * large one mostly arithmetic, so the two fix {@link DeviceSpeed}'s two rates. About a second on a
 * 2-core CPU.
 */
public final class DeviceProbe {

  private static final int CONTEXT_TOKENS = 16;
  private static final int CONTEXT_DIM = 64;
  private static final int BATCH = 2;
  private static final int REPEATS = 3;

  private final Device device;
  private final Kernels kernels;

  /**
   * @param kernels the kernels generations on this device run with
   */
  public DeviceProbe(Device device, Kernels kernels) {
    this.device = device;
    this.kernels = kernels;
  }

  public DeviceSpeed measure() {
    DataType dataType = device.isGpu() ? DataType.FLOAT16 : DataType.FLOAT32;
    try (NDManager weights = NDManager.newBaseManager(device)) {
      // not closed: closing would close the engine's kernels it counts for
      CountingKernels counting = new CountingKernels(kernels);
      UNet2DConditionModel unet =
          new UNet2DConditionModel(
              config(), Params.root(new RandomParameters(weights, dataType, 1), counting));
      Timed small = time(unet, counting, weights, dataType, 8);
      Timed large = time(unet, counting, weights, dataType, 32);
      double secondsPerFlop =
          Math.max(
              (large.seconds - small.seconds) / (large.flops - small.flops),
              // noise can make the difference negative: then all of the large pass is arithmetic
              large.seconds / large.flops / 10);
      double secondsPerCall =
          Math.max(0, (small.seconds - small.flops * secondsPerFlop) / small.calls);
      return new DeviceSpeed(1 / secondsPerFlop, secondsPerCall);
    }
  }

  private record Timed(double seconds, double flops, double calls) {}

  /** The median of a few passes after a warm-up, with the work of one. */
  private Timed time(
      UNet2DConditionModel unet,
      CountingKernels counting,
      NDManager weights,
      DataType dataType,
      int side) {
    List<Double> seconds = new ArrayList<>();
    long flops = 0;
    long calls = 0;
    for (int i = 0; i <= REPEATS; i++) {
      counting.reset();
      long start = System.nanoTime();
      try (NDManager scope = weights.newSubManager()) {
        NDArray out =
            unet.forward(
                scope.zeros(new Shape(BATCH, 4, side, side), dataType),
                scope.create(new float[] {500f, 500f}).toType(dataType, false),
                scope.zeros(new Shape(BATCH, CONTEXT_TOKENS, CONTEXT_DIM), dataType));
        // waits for the device, which may run asynchronously
        out.toType(DataType.FLOAT32, false).sum().getFloat();
      }
      if (i > 0) {
        seconds.add((System.nanoTime() - start) / 1e9);
      }
      flops = counting.flops();
      calls = counting.calls();
    }
    seconds.sort(null);
    return new Timed(seconds.get(seconds.size() / 2), flops, calls);
  }

  private static UNetConfig config() {
    List<Integer> channels = List.of(32, 64, 96);
    return new UNetConfig(
        4,
        4,
        channels,
        1,
        List.of(true, true, false),
        List.of(false, true, true),
        List.of(4, 4, 4),
        List.of(1, 1, 1),
        CONTEXT_DIM,
        8,
        1e-5f,
        true,
        0,
        true,
        1,
        channels.get(0) * 4,
        16);
  }
}
