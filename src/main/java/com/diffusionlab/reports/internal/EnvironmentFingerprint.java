package com.diffusionlab.reports.internal;

import java.util.List;
import java.util.Objects;

/**
 * What produced a report's runs, so that a reader can tell whether a replay should give the same
 * images: software versions, the machine that wrote the report, and the devices, precisions and
 * model versions the runs used.
 *
 * @param engineVersion the engine version the runs recorded (several joined if they differ)
 * @param labVersion the Diffusion Lab build that wrote the report
 * @param devices the device classes the runs ran on, e.g. {@code cpu}, {@code cuda:0}
 * @param precisions e.g. {@code fp32}, {@code fp16}
 */
public record EnvironmentFingerprint(
    String engineVersion,
    String labVersion,
    String jvmVendor,
    String jvmVersion,
    String osName,
    String osArch,
    List<String> devices,
    List<String> precisions,
    List<ModelFingerprint> models) {

  public EnvironmentFingerprint {
    Objects.requireNonNull(engineVersion, "engineVersion");
    Objects.requireNonNull(labVersion, "labVersion");
    devices = List.copyOf(devices);
    precisions = List.copyOf(precisions);
    models = List.copyOf(models);
  }

  /** With the JVM and operating system this code runs on, as the system properties give them. */
  public static EnvironmentFingerprint ofThisJvm(
      String engineVersion,
      String labVersion,
      List<String> devices,
      List<String> precisions,
      List<ModelFingerprint> models) {
    return new EnvironmentFingerprint(
        engineVersion,
        labVersion,
        System.getProperty("java.vendor"),
        System.getProperty("java.version"),
        System.getProperty("os.name"),
        System.getProperty("os.arch"),
        devices,
        precisions,
        models);
  }
}
