package com.diffusionlab.engine;

import ai.djl.Device;
import ai.djl.util.cuda.CudaUtils;
import java.io.IOException;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The devices of this machine that the engine can run on: the CPU with the machine's memory, and
 * each CUDA GPU that DJL sees with its memory. Read afresh on each call (memory in use changes).
 */
public final class DeviceInventory {

  /**
   * One device.
   *
   * @param id {@code cpu} or {@code gpu:N}, as {@code DLAB_DEVICE} names it
   * @param kind {@code cpu} or {@code gpu}
   * @param memoryTotalBytes null where it cannot be read
   * @param memoryUsedBytes device-wide, by every process; null where it cannot be read
   */
  public record DeviceInfo(
      String id, String kind, String description, Long memoryTotalBytes, Long memoryUsedBytes) {}

  private static final Path MEMINFO = Path.of("/proc/meminfo");

  private DeviceInventory() {}

  public static List<DeviceInfo> list() {
    List<DeviceInfo> devices = new ArrayList<>();
    Map<String, Long> memory = machineMemory();
    Long total = memory.get("MemTotal");
    Long available = memory.get("MemAvailable");
    devices.add(
        new DeviceInfo(
            "cpu",
            "cpu",
            Runtime.getRuntime().availableProcessors() + " cores",
            total,
            total == null || available == null ? null : total - available));
    int gpus = gpuCount();
    for (int i = 0; i < gpus; i++) {
      devices.add(gpu(i));
    }
    return devices;
  }

  private static int gpuCount() {
    try {
      return CudaUtils.hasCuda() ? CudaUtils.getGpuCount() : 0;
    } catch (RuntimeException | LinkageError e) {
      return 0;
    }
  }

  private static DeviceInfo gpu(int index) {
    String description = "CUDA GPU " + index;
    try {
      description += ", compute capability " + CudaUtils.getComputeCapability(index);
      MemoryUsage usage = CudaUtils.getGpuMemory(Device.gpu(index));
      return new DeviceInfo("gpu:" + index, "gpu", description, usage.getMax(), usage.getUsed());
    } catch (RuntimeException | LinkageError e) {
      return new DeviceInfo("gpu:" + index, "gpu", description, null, null);
    }
  }

  /** {@code /proc/meminfo} in bytes; empty where there is none (not Linux). */
  private static Map<String, Long> machineMemory() {
    Map<String, Long> values = new TreeMap<>();
    try {
      for (String line : Files.readAllLines(MEMINFO)) {
        String[] parts = line.split(":\\s+|\\s+");
        if (parts.length >= 2 && parts[1].matches("\\d+")) {
          long factor = parts.length > 2 && parts[2].equals("kB") ? 1024 : 1;
          values.put(parts[0], Long.parseLong(parts[1]) * factor);
        }
      }
    } catch (IOException | RuntimeException e) {
      values.clear();
    }
    return values;
  }
}
