package com.diffusionlab.engine;

import ai.djl.Device;

/**
 * How the engine runs.
 *
 * @param device {@code Device.cpu()} (fp32) or {@code Device.gpu(i)} (fp16)
 * @param fusedKernels libtorch's fused group norm and attention through TorchScript (fast); false
 *     composes them from DJL operations (slower, for comparison and training)
 * @param modelCacheBytes the memory that loaded models may take together between generations (the
 *     least recently used are closed beyond it; a model in use never is)
 */
public record EngineSettings(Device device, boolean fusedKernels, long modelCacheBytes) {

  /** Where the device's memory cannot be read. */
  static final long FALLBACK_CACHE_BYTES = 4L << 30;

  public EngineSettings {
    if (modelCacheBytes < 1) {
      throw new IllegalArgumentException(
          "modelCacheBytes=" + modelCacheBytes + " is not allowed: more than 0");
    }
  }

  /** Fused kernels and the {@linkplain #defaultModelCacheBytes default cache} for the device. */
  public static EngineSettings on(Device device) {
    return new EngineSettings(device, true, defaultModelCacheBytes(device));
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
    return on(Device.cpu());
  }

  /**
   * Half a GPU's memory (the rest is for the activations of the generations running on it), a
   * quarter of the machine's memory on the CPU (the JVM, the activations and the operating system
   * need the rest), 4 GiB where the memory cannot be read.
   */
  public static long defaultModelCacheBytes(Device device) {
    String id = device.isGpu() ? "gpu:" + device.getDeviceId() : "cpu";
    return DeviceInventory.list().stream()
        .filter(info -> info.id().equals(id) && info.memoryTotalBytes() != null)
        .mapToLong(info -> info.memoryTotalBytes() / (device.isGpu() ? 2 : 4))
        .findFirst()
        .orElse(FALLBACK_CACHE_BYTES);
  }
}
