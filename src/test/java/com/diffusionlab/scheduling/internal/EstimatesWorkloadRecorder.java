package com.diffusionlab.scheduling.internal;

import com.diffusionlab.engine.CancellationToken;
import com.diffusionlab.engine.DeviceSpeed;
import com.diffusionlab.engine.DiffusionEngine;
import com.diffusionlab.engine.EngineSettings;
import com.diffusionlab.engine.GenerationListener;
import com.diffusionlab.engine.GenerationRequest;
import com.diffusionlab.engine.GenerationResult;
import com.diffusionlab.engine.ModelRef;
import com.diffusionlab.engine.ResourceMonitor;
import com.diffusionlab.engine.StageTimings;
import com.diffusionlab.engine.sampling.SamplerSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Records the workload {@link EstimatesBenchmark} replays: generations with the bundled tiny-shapes
 * model on this machine's CPU, as the worker runs them (step previews on), in a shuffled order,
 * seven configurations 24 times each with 10, 20 or 30 steps, and ten configurations once. Writes
 * every run's timings and peak memory, with the device's speed measured before and after and the
 * process's resident memory before the first run, to {@code -Ddlab.bench.workload} (default
 * src/test/resources/benchmarks/estimates-workload.csv). Not part of the suite. A worker's device
 * is its own; on a machine shared with other builds, give the recording the CPU (without it,
 * libtorch's threads thrash and a step takes anywhere from 1 to 50 times its time), about ten
 * minutes on 2 cores:
 *
 * <pre>
 * nice -n -20 ./mvnw -o test -Dtest=EstimatesWorkloadRecorder -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
class EstimatesWorkloadRecorder {

  static final Path WORKLOAD = Path.of("src/test/resources/benchmarks/estimates-workload.csv");

  /** A recording made at ordinary priority while other builds ran, stopped after 71 runs. */
  static final Path CONTENDED =
      Path.of("src/test/resources/benchmarks/estimates-workload-contended.csv");

  private static final Path MODEL = Path.of("models/tiny-shapes");
  private static final int REPEATS = 24;
  private static final int[] STEPS = {10, 20, 30};

  /** A configuration: everything but the steps. */
  record Config(int width, int height, int batch, double cfg, String sampler) {}

  private static final List<Config> REPEATED =
      List.of(
          new Config(64, 64, 1, 3, "euler"),
          new Config(64, 64, 1, 3, "dpmpp_2m"),
          new Config(64, 64, 1, 1, "euler_a"),
          new Config(64, 64, 2, 3, "euler"),
          new Config(96, 96, 1, 3, "ddim"),
          new Config(128, 128, 1, 3, "euler"),
          new Config(64, 128, 1, 2, "pndm"));

  private static final List<Config> ONCE =
      List.of(
          new Config(160, 160, 1, 3, "euler"),
          new Config(64, 64, 3, 3, "euler"),
          new Config(96, 64, 1, 3, "dpmpp_2m"),
          new Config(128, 64, 2, 1, "euler"),
          new Config(192, 192, 1, 3, "euler"),
          new Config(32, 32, 1, 3, "euler"),
          new Config(64, 64, 4, 3, "euler_a"),
          new Config(80, 80, 1, 3, "pndm"),
          new Config(112, 112, 1, 3, "euler_a"),
          new Config(48, 48, 2, 3, "ddim"));

  @Test
  void record() throws IOException {
    Random random = new Random(14);
    List<Config> order = new ArrayList<>();
    REPEATED.forEach(config -> order.addAll(Collections.nCopies(REPEATS, config)));
    order.addAll(ONCE);
    Collections.shuffle(order, random);
    try (DiffusionEngine engine = new DiffusionEngine(EngineSettings.cpu());
        PrintWriter out =
            new PrintWriter(
                Files.newBufferedWriter(
                    Path.of(System.getProperty("dlab.bench.workload", WORKLOAD.toString()))))) {
      DeviceSpeed before = engine.measureDeviceSpeed();
      out.printf(
          Locale.ROOT,
          "# tiny-shapes on the CPU of %d cores, recorded by EstimatesWorkloadRecorder;"
              + " device speed before: %.6g FLOP/s, %.6g s per call; resident before: %d bytes%n",
          Runtime.getRuntime().availableProcessors(),
          before.flopsPerSecond(),
          before.secondsPerCall(),
          new ResourceMonitor().rssBytes());
      out.println(
          "run,width,height,batch,cfg,sampler,steps,evaluations,load,tokenize,encode,sampling,"
              + "decode,total,peak_rss_bytes");
      for (int i = 0; i < order.size(); i++) {
        Config config = order.get(i);
        int steps = STEPS[random.nextInt(STEPS.length)];
        GenerationRequest request =
            GenerationRequest.builder("two red circles at the top")
                .seed(random.nextInt(1_000_000))
                .steps(steps)
                .cfg(config.cfg())
                .sampler(SamplerSettings.of(config.sampler()))
                .size(config.width(), config.height())
                .batch(config.batch())
                .previews(true)
                .build();
        GenerationResult result =
            engine.generate(
                ModelRef.of(MODEL), request, new GenerationListener() {}, new CancellationToken());
        StageTimings t = result.timings();
        out.printf(
            Locale.ROOT,
            "%d,%d,%d,%d,%s,%s,%d,%d,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%d%n",
            i + 1,
            config.width(),
            config.height(),
            config.batch(),
            config.cfg(),
            config.sampler(),
            steps,
            t.steps().size(),
            t.load(),
            t.tokenize(),
            t.encode(),
            t.sampling(),
            t.decode(),
            t.total(),
            result.peakRssBytes());
        out.flush();
        System.out.printf(
            Locale.ROOT,
            "%d/%d %s %d steps: %.2f s%n",
            i + 1,
            order.size(),
            config,
            steps,
            t.total());
      }
      DeviceSpeed after =
          new com.diffusionlab.engine.work.DeviceProbe(
                  ai.djl.Device.cpu(),
                  com.diffusionlab.engine.nn.TorchScriptKernels.forInference(ai.djl.Device.cpu()))
              .measure();
      out.printf(
          Locale.ROOT,
          "# device speed after: %.6g FLOP/s, %.6g s per call%n",
          after.flopsPerSecond(),
          after.secondsPerCall());
    }
  }
}
