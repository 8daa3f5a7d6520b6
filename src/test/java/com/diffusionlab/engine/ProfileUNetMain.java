package com.diffusionlab.engine;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.diffusionlab.engine.nn.Kernels;
import com.diffusionlab.engine.nn.Params;
import com.diffusionlab.engine.nn.RandomParameters;
import com.diffusionlab.engine.nn.TorchScriptKernels;
import com.diffusionlab.engine.unet.UNet2DConditionModel;
import com.diffusionlab.engine.unet.UNetConfig;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

public class ProfileUNetMain {
  static final Map<String, Long> NANOS = new ConcurrentHashMap<>();

  static NDArray timed(String key, java.util.function.Supplier<NDArray> op) {
    long t = System.nanoTime();
    NDArray r = op.get();
    NANOS.merge(key, System.nanoTime() - t, Long::sum);
    return r;
  }

  public static void main(String[] args) {
    int latent = Integer.parseInt(args[0]);
    try (NDManager weights = NDManager.newBaseManager(Device.cpu());
        TorchScriptKernels fused = new TorchScriptKernels(Device.cpu())) {
      Kernels k =
          new Kernels() {
            public NDArray linear(NDArray x, NDArray w, NDArray b) {
              return timed("linear", () -> fused.linear(x, w, b));
            }

            public NDArray conv2d(NDArray x, NDArray w, NDArray b, int s, int p) {
              return timed("conv" + w.getShape().get(2), () -> fused.conv2d(x, w, b, s, p));
            }

            public NDArray groupNorm(NDArray x, int g, NDArray w, NDArray b, float e) {
              return timed("gn", () -> fused.groupNorm(x, g, w, b, e));
            }

            public NDArray groupNormSilu(NDArray x, int g, NDArray w, NDArray b, float e) {
              return timed("gn", () -> fused.groupNormSilu(x, g, w, b, e));
            }

            public NDArray attention(NDArray q, NDArray kk, NDArray v, NDArray m) {
              return timed("attn", () -> fused.attention(q, kk, v, m));
            }

            public String name() {
              return "t";
            }

            public void close() {}
          };
      UNet2DConditionModel unet =
          new UNet2DConditionModel(
              UNetConfig.stableDiffusion(false, 4),
              Params.root(new RandomParameters(weights, DataType.FLOAT32, 1), k));
      for (int run = 0; run < 3; run++) {
        NANOS.clear();
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
          NDArray x = m.randomNormal(new Shape(2, 4, latent, latent));
          NDArray t = m.create(new float[] {500, 500});
          NDArray c = m.randomNormal(new Shape(2, 77, 768));
          long s = System.nanoTime();
          NDArray out = unet.forward(x, t, c);
          out.toFloatArray();
          long total = System.nanoTime() - s;
          System.out.printf("run %d total %.2f s%n", run, total / 1e9);
          NANOS.forEach((key, v) -> System.out.printf("  %-8s %.2f s%n", key, v / 1e9));
        }
      }
    }
  }
}
