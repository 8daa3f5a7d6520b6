package com.diffusionlab.engine.noise;

import java.util.Arrays;
import java.util.function.LongFunction;
import java.util.stream.Collectors;

/** The noise generators a run can name; {@link #id()} is the name stored with the run. */
public enum NoiseKind {
  /** {@code torch.randn} on CUDA, as AUTOMATIC1111 emulates it: {@link PhiloxGenerator}. */
  PHILOX("philox", PhiloxGenerator::new),
  /** {@code torch.randn} on the CPU, as ComfyUI draws it: {@link TorchCpuGenerator}. */
  TORCH_CPU("torch-cpu", TorchCpuGenerator::new);

  private final String id;
  private final LongFunction<NoiseGenerator> factory;

  NoiseKind(String id, LongFunction<NoiseGenerator> factory) {
    this.id = id;
    this.factory = factory;
  }

  /** The stable lower-case name, e.g. {@code "torch-cpu"}. */
  public String id() {
    return id;
  }

  /** A fresh generator for one image. */
  public NoiseGenerator create(long seed) {
    return factory.apply(seed);
  }

  /**
   * The kind whose {@link #id()} equals {@code name}, ignoring case and surrounding blanks.
   *
   * @throws IllegalArgumentException naming the value and the allowed ones
   */
  public static NoiseKind parse(String name) {
    String wanted = name == null ? "" : name.strip();
    return Arrays.stream(values())
        .filter(kind -> kind.id.equalsIgnoreCase(wanted))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "noise generator '"
                        + name
                        + "' is unknown; allowed: "
                        + Arrays.stream(values())
                            .map(NoiseKind::id)
                            .collect(Collectors.joining(", "))));
  }
}
