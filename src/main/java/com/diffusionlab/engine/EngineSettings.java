package com.diffusionlab.engine;

import ai.djl.Device;

/**
 * How the engine runs.
 *
 * @param device {@code Device.cpu()} (fp32) or {@code Device.gpu(i)} (fp16)
 * @param cachedModels how many loaded models stay in memory between generations
 * @param fusedKernels libtorch's fused group norm and attention through TorchScript (fast); false
 *     composes them from DJL operations (slower, for comparison and training)
 */
public record EngineSettings(Device device, int cachedModels, boolean fusedKernels) {

  public EngineSettings {
    if (cachedModels < 1) {
      throw new IllegalArgumentException("cachedModels=" + cachedModels + ": at least 1");
    }
  }

  /** {@code gpu} or {@code cpu}: the device class a generation here records. */
  public String deviceClass() {
    return device.isGpu() ? "gpu" : "cpu";
  }

  /** The precision models run in here: fp16 on a GPU, fp32 on the CPU. */
  public String precision() {
    return device.isGpu() ? "fp16" : "fp32";
  }

  public static EngineSettings cpu() {
    return new EngineSettings(Device.cpu(), 1, true);
  }
}
