package com.diffusionlab.engine.bench;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** The figures of one benchmark run and their Markdown form for docs/benchmarks/engine.md. */
public record BenchmarkReport(
    String engineVersion,
    int processors,
    Matmul matmul,
    List<KernelTiming> kernels,
    List<ModelRun> runs) {

  /**
   * The fp32 matmul rate in GFLOP/s over {@code samples} timed products taken at the start, before
   * every generation and at the end.
   */
  public record Matmul(double median, double best, double worst, int samples) {}

  /** One primitive as the engine runs it against its plain form. */
  public record KernelTiming(String operation, double engineMillis, double plainMillis) {}

  /**
   * One model at one size: seconds per step after the first, UNet work per step (both halves of
   * classifier-free guidance), and the achieved rate.
   */
  public record ModelRun(
      String model,
      int size,
      double loadSeconds,
      long loadPeakRssBytes,
      double firstStepSeconds,
      double stepSeconds,
      double gflopPerStep,
      double achievedGflops,
      double decodeSeconds,
      long samplingPeakRssBytes,
      long peakRssBytes) {}

  public String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("# Engine benchmark\n\n");
    md.append("Written by `dlab bench` (engine ")
        .append(engineVersion)
        .append(", ")
        .append(processors)
        .append(" processors, CPU, fp32). Re-run it to refresh these figures.\n\n");
    // allocator settings change the peak RSS, MKL's reproducibility mode may change the speed
    // (bin/dlab sets all three by default)
    md.append("environment: ");
    for (String variable : List.of("MALLOC_ARENA_MAX", "MALLOC_MMAP_THRESHOLD_", "MKL_CBWR")) {
      md.append('`')
          .append(variable)
          .append('=')
          .append(Objects.requireNonNullElse(System.getenv(variable), "unset"))
          .append("` ");
    }
    md.append("\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "fp32 matrix multiply (2048³): **%.1f GFLOP/s**, the median of %d timed products taken"
                + " at the start, before every generation and at the end (best %.1f, worst %.1f)."
                + " A generation's s/step is a median too; \"of matmul\" compares the two"
                + " medians, \"of best\" the generation against the best product.%n%n",
            matmul.median(),
            matmul.samples(),
            matmul.best(),
            matmul.worst()));
    md.append(
        "## Kernels: the engine's against the plain form\n\nFused: libtorch's own kernel through"
            + " the engine's TorchScript module; composed: built from DJL operations. Prepacked:"
            + " convolution weights reordered into oneDNN's layout once, at load; plain: DJL's"
            + " conv2d, which reorders them in every call. Best of three runs each.\n\n");
    md.append("| operation | engine ms | plain ms | speed-up |\n|---|---:|---:|---:|\n");
    for (KernelTiming k : kernels) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %.1f | %.1f | %.1f× |%n",
              k.operation(),
              k.engineMillis(),
              k.plainMillis(),
              k.plainMillis() / k.engineMillis()));
    }
    md.append("\n## Generations (classifier-free guidance, Euler)\n\n");
    md.append(
        "| model | size | load s | load peak RSS GB | s/step | first step s | UNet GFLOP/step | GFLOP/s | of matmul | of best | decode s | peak RSS sampling GB | peak RSS with decode GB |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (ModelRun r : runs) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %.1f | %.2f | %.2f | %.2f | %.1f | %.1f | %.0f%% | %.0f%% | %.2f | %.2f | %.2f |%n",
              r.model(),
              r.size(),
              r.loadSeconds(),
              r.loadPeakRssBytes() / 1e9,
              r.stepSeconds(),
              r.firstStepSeconds(),
              r.gflopPerStep(),
              r.achievedGflops(),
              100 * r.achievedGflops() / matmul.median(),
              100 * r.achievedGflops() / matmul.best(),
              r.decodeSeconds(),
              r.samplingPeakRssBytes() / 1e9,
              r.peakRssBytes() / 1e9));
    }
    md.append(
        "\nUNet GFLOP are counted from the shapes of every convolution, linear layer and attention"
            + " product as they run (a multiply-add is 2 FLOP; normalisations and element-wise"
            + " operations are not counted). s/step is the median of the steps after the first.\n");
    return md.toString();
  }
}
