package com.diffusionlab.cli;

import com.diffusionlab.engine.bench.BenchmarkReport;
import com.diffusionlab.engine.bench.EngineBenchmark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dlab bench}: engine speed and memory on this machine, as a table and a Markdown file. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Measures the fp32 matmul rate, the engine's kernels against plain ones, and generations with an SD"
          + " 1.5-sized model (random weights; needs ~2.1 GB of disk and ~6 GB of memory) and the"
          + " bundled small model. Prints a table and writes it to --out."
    })
final class BenchCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Option(names = "--out", defaultValue = "docs/benchmarks/engine.md", description = "Report file.")
  private Path out;

  @Option(names = "--work-dir", defaultValue = "target/bench", description = "Scratch folder.")
  private Path workDir;

  @Option(names = "--sizes", split = ",", defaultValue = "256,512", description = "Image sides.")
  private List<Integer> sizes;

  @Option(names = "--steps", defaultValue = "3", description = "Steps per generation.")
  private int steps;

  @Option(
      names = "--no-sd15",
      negatable = true,
      defaultValue = "true",
      description = "Skip SD 1.5.")
  private boolean sd15;

  @Option(
      names = "--small-model",
      defaultValue = "models/tiny-shapes",
      description = "Small model.")
  private Path smallModel;

  @Override
  public Integer call() throws IOException {
    EngineBenchmark benchmark = new EngineBenchmark(spec.commandLine().getErr());
    BenchmarkReport report =
        benchmark.run(
            new EngineBenchmark.Options(
                workDir, sizes, steps, sd15, Files.exists(smallModel) ? smallModel : null));
    String markdown = report.markdown();
    spec.commandLine().getOut().println(markdown);
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(out, markdown);
    return 0;
  }
}
