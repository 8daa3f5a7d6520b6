package com.diffusionlab.engine.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.diffusionlab.engine.CancellationToken;
import com.diffusionlab.engine.DiffusionEngine;
import com.diffusionlab.engine.GenerationListener;
import com.diffusionlab.engine.GenerationRequest;
import com.diffusionlab.engine.GenerationResult;
import com.diffusionlab.engine.ResourceMonitor;
import com.diffusionlab.engine.loading.ContentHasher;
import com.diffusionlab.engine.loading.LoadedModel;
import com.diffusionlab.engine.loading.ModelLoader;
import com.diffusionlab.engine.loading.RandomCheckpoints;
import com.diffusionlab.engine.nn.CountingKernels;
import com.diffusionlab.engine.nn.Kernels;
import com.diffusionlab.engine.nn.NativeKernels;
import com.diffusionlab.engine.nn.TorchScriptKernels;
import com.diffusionlab.engine.pipeline.StableDiffusionPipeline;
import com.diffusionlab.engine.weights.SafetensorsDtype;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures the engine on this machine: the fp32 matrix-multiply rate as the yardstick, the engine's
 * kernels against their plain forms, and full generations of an SD 1.5-sized model (random weights,
 * written as an fp16 single file and loaded like a downloaded one) and of a small model.
 */
public final class EngineBenchmark {

  /** Timed matmuls per sample: at the start, before each generation and at the end. */
  private static final int MATMUL_RUNS = 3;

  /**
   * @param workDir where the random SD 1.5 checkpoint is written (about 2.1 GB), deleted after
   * @param sizes image sides to generate at
   * @param steps sampler steps per generation; the first is reported separately (warm-up)
   * @param smallModel a small model to run too (the bundled one), or null
   */
  public record Options(
      Path workDir, List<Integer> sizes, int steps, boolean sd15, Path smallModel) {}

  private final ResourceMonitor monitor = new ResourceMonitor();
  private final PrintWriter progress;

  public EngineBenchmark(PrintWriter progress) {
    this.progress = progress;
  }

  public BenchmarkReport run(Options options) throws IOException {
    MatmulYardstick matmul = new MatmulYardstick();
    matmul.sample(MATMUL_RUNS);
    say("fp32 matmul 2048³: %.1f GFLOP/s (median of %d)", matmul.median(), matmul.samples());
    List<BenchmarkReport.KernelTiming> kernels = kernelTimings();
    List<BenchmarkReport.ModelRun> runs = new ArrayList<>();
    if (options.smallModel() != null) {
      runs.addAll(
          runModel(
              "small: " + options.smallModel().getFileName(),
              options.smallModel(),
              options,
              matmul));
    }
    if (options.sd15()) {
      Files.createDirectories(options.workDir());
      Path checkpoint = options.workDir().resolve("sd15-random-fp16.safetensors");
      try {
        say("writing a random SD 1.5 checkpoint (fp16, original layout) to %s …", checkpoint);
        RandomCheckpoints.writeSingleFile(checkpoint, false, SafetensorsDtype.F16, 1);
        // the writer's garbage would otherwise sit in the heap and count against the model
        System.gc();
        runs.addAll(runModel("SD 1.5 (random weights)", checkpoint, options, matmul));
      } finally {
        Files.deleteIfExists(checkpoint);
      }
    }
    matmul.sample(MATMUL_RUNS);
    return new BenchmarkReport(
        DiffusionEngine.readVersion(),
        Runtime.getRuntime().availableProcessors(),
        new BenchmarkReport.Matmul(
            matmul.median(), matmul.best(), matmul.worst(), matmul.samples()),
        kernels,
        runs);
  }

  private List<BenchmarkReport.ModelRun> runModel(
      String label, Path path, Options options, MatmulYardstick matmul) {
    List<BenchmarkReport.ModelRun> runs = new ArrayList<>();
    CountingKernels kernels = new CountingKernels(TorchScriptKernels.forInference(Device.cpu()));
    ModelLoader loader = new ModelLoader(new ContentHasher());
    monitor.resetPeak();
    long start = System.nanoTime();
    try (kernels;
        LoadedModel model = loader.load(path, null, null, Device.cpu(), kernels)) {
      double load = (System.nanoTime() - start) / 1e9;
      long loadPeak = monitor.peakRssBytes();
      say("%s: loaded in %.1f s, peak RSS %.2f GB", label, load, loadPeak / 1e9);
      StableDiffusionPipeline pipeline =
          new StableDiffusionPipeline(monitor, DiffusionEngine.readVersion());
      for (int size : options.sizes()) {
        matmul.sample(MATMUL_RUNS);
        StageProbe window = new StageProbe(kernels, monitor);
        GenerationRequest request =
            GenerationRequest.builder("a photograph of an astronaut riding a horse")
                .negativePrompt("blurry")
                .seed(1)
                .steps(options.steps())
                .cfg(7)
                .size(size, size)
                .build();
        GenerationResult result = pipeline.run(model, request, 0, window, new CancellationToken());
        List<Double> steps = result.timings().steps();
        double flopsPerStep = window.sampledFlops() / (double) steps.size();
        double warm = Timings.median(steps.subList(1, steps.size()));
        BenchmarkReport.ModelRun run =
            new BenchmarkReport.ModelRun(
                label,
                size,
                load,
                loadPeak,
                steps.get(0),
                warm,
                flopsPerStep / 1e9,
                flopsPerStep / 1e9 / warm,
                result.timings().decode(),
                window.samplingPeakRss(),
                result.peakRssBytes());
        say(
            "%s %d×%d: %.2f s/step, %.1f GFLOP/step, %.1f GFLOP/s (%.0f%% of the matmul median"
                + " so far),"
                + " peak RSS %.2f GB sampling, %.2f GB with decoding",
            label,
            size,
            size,
            warm,
            run.gflopPerStep(),
            run.achievedGflops(),
            100 * run.achievedGflops() / matmul.median(),
            window.samplingPeakRss() / 1e9,
            result.peakRssBytes() / 1e9);
        runs.add(run);
      }
    }
    return runs;
  }

  /**
   * Counts the UNet's work, the FLOPs between the start of sampling and the start of decoding, and
   * notes the peak memory up to the decoder.
   */
  private static final class StageProbe implements GenerationListener {
    private final CountingKernels kernels;
    private final ResourceMonitor monitor;
    private long sampled;
    private long samplingPeak;

    StageProbe(CountingKernels kernels, ResourceMonitor monitor) {
      this.kernels = kernels;
      this.monitor = monitor;
    }

    @Override
    public void onStage(Stage stage) {
      if (stage == Stage.SAMPLING) {
        kernels.reset();
      } else if (stage == Stage.DECODING) {
        sampled = kernels.flops();
        samplingPeak = monitor.peakRssBytes();
      }
    }

    long sampledFlops() {
      return sampled;
    }

    long samplingPeakRss() {
      return samplingPeak;
    }
  }

  private List<BenchmarkReport.KernelTiming> kernelTimings() {
    List<BenchmarkReport.KernelTiming> timings = new ArrayList<>();
    try (NDManager manager = NDManager.newBaseManager(Device.cpu());
        Kernels fused = TorchScriptKernels.forInference(Device.cpu());
        Kernels composed = new NativeKernels()) {
      NDArray x = manager.randomNormal(new Shape(2, 320, 64, 64));
      NDArray weight = manager.ones(new Shape(320));
      NDArray bias = manager.zeros(new Shape(320));
      timings.add(
          new BenchmarkReport.KernelTiming(
              "group_norm + SiLU, 2×320×64×64, 32 groups: fused against composed",
              1000 * Timings.bestSeconds(() -> fused.groupNormSilu(x, 32, weight, bias, 1e-5f)),
              1000
                  * Timings.bestSeconds(() -> composed.groupNormSilu(x, 32, weight, bias, 1e-5f))));
      NDArray q = manager.randomNormal(new Shape(2, 8, 4096, 40));
      NDArray k = manager.randomNormal(new Shape(2, 8, 4096, 40));
      NDArray v = manager.randomNormal(new Shape(2, 8, 4096, 40));
      timings.add(
          new BenchmarkReport.KernelTiming(
              "attention, 2×8 heads × 4096 tokens × 40: fused against composed",
              1000 * Timings.bestSeconds(() -> fused.attention(q, k, v, null)),
              1000 * Timings.bestSeconds(() -> composed.attention(q, k, v, null))));
      for (int side : new int[] {8, 4}) {
        NDArray input = manager.randomNormal(new Shape(2, 1280, side, side));
        NDArray dense = manager.randomNormal(new Shape(1280, 1280, 3, 3));
        NDArray convBias = manager.zeros(new Shape(1280));
        NDArray prepacked = fused.convolutionWeight(dense.duplicate(), 1, 1);
        timings.add(
            new BenchmarkReport.KernelTiming(
                String.format(
                    "3×3 convolution, 2×1280×%d×%d: weights prepacked once against reordered"
                        + " in every call",
                    side, side),
                1000 * Timings.bestSeconds(() -> fused.conv2d(input, prepacked, convBias, 1, 1)),
                1000 * Timings.bestSeconds(() -> composed.conv2d(input, dense, convBias, 1, 1))));
      }
    }
    timings.forEach(
        t ->
            say(
                "%s: engine %.1f ms, plain %.1f ms",
                t.operation(), t.engineMillis(), t.plainMillis()));
    return timings;
  }

  private void say(String format, Object... args) {
    progress.println(String.format(format, args));
    progress.flush();
  }
}
