package com.diffusionlab.engine.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import com.diffusionlab.engine.CancellationToken;
import com.diffusionlab.engine.GenerationListener;
import com.diffusionlab.engine.GenerationRequest;
import com.diffusionlab.engine.GenerationShape;
import com.diffusionlab.engine.GenerationWork;
import com.diffusionlab.engine.ResourceMonitor;
import com.diffusionlab.engine.TinyModels;
import com.diffusionlab.engine.clip.ClipTextConfig;
import com.diffusionlab.engine.loading.ContentHasher;
import com.diffusionlab.engine.loading.LoadedModel;
import com.diffusionlab.engine.loading.ModelArchitecture;
import com.diffusionlab.engine.loading.ModelLoader;
import com.diffusionlab.engine.nn.CountingKernels;
import com.diffusionlab.engine.nn.TorchScriptKernels;
import com.diffusionlab.engine.pipeline.StableDiffusionPipeline;
import com.diffusionlab.engine.sampling.SamplerFactory;
import com.diffusionlab.engine.sampling.SamplerSettings;
import com.diffusionlab.engine.unet.UNetConfig;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkCounterTest {

  private static final Path TINY_SHAPES = Path.of("models/tiny-shapes");

  private final ModelLoader loader = new ModelLoader(new ContentHasher());

  /**
   * The count from the architecture against the same kernels counting a real generation, stage by
   * stage, at a size none of the counter's probes used, not square, with guidance and a batch.
   */
  @Test
  void countsWhatARealGenerationDoes() {
    GenerationRequest request =
        GenerationRequest.builder("two red circles at the top")
            .seed(1)
            .steps(3)
            .cfg(3)
            .size(96, 128)
            .batch(2)
            .build();
    GenerationWork counted =
        new WorkCounter(loader.architecture(TINY_SHAPES, null))
            .work(GenerationShape.of(request), Float.BYTES);

    Map<GenerationListener.Stage, long[]> real = generateCounting(request);

    long[] sampling = real.get(GenerationListener.Stage.SAMPLING);
    assertThat(counted.evaluations()).isEqualTo(3);
    assertThat(counted.perEvaluation().flops() * 3)
        .isCloseTo(sampling[0], within(sampling[0] * 1e-9));
    assertThat(counted.perEvaluation().calls() * 3).isEqualTo(sampling[1]);
    long[] encoding = real.get(GenerationListener.Stage.ENCODING);
    assertThat(counted.encoding().flops()).isCloseTo(encoding[0], within(encoding[0] * 1e-9));
    assertThat(counted.encoding().calls()).isEqualTo(encoding[1]);
    long[] decoding = real.get(GenerationListener.Stage.DECODING);
    assertThat(counted.decoding().flops()).isCloseTo(decoding[0], within(decoding[0] * 1e-9));
    assertThat(counted.decoding().calls()).isEqualTo(decoding[1]);
  }

  /**
   * docs/benchmarks/engine.md: an SD 1.5 UNet step with guidance, counted while generating (a
   * prompt of 77 tokens).
   */
  @Test
  void sd15StepsAreTheBenchmarksCount() {
    WorkCounter counter = new WorkCounter(ModelArchitecture.sd15());

    assertThat(gigaflopsPerStep(counter, 256)).isCloseTo(360.2, within(0.1));
    assertThat(gigaflopsPerStep(counter, 512)).isCloseTo(1606.5, within(0.1));
  }

  /**
   * Every layout and family the engine loads can be counted: diffusers folders and single files of
   * SD 1 and SD 2 (the reference models), and SD 2 and inpainting architectures, whose init image
   * and masked image are encoded too.
   */
  @Test
  void countsEveryLayoutAndFamily() {
    for (Path model :
        List.of(
            TinyModels.folder("tiny-sd1"),
            TinyModels.singleFile("tiny-sd1"),
            TinyModels.folder("tiny-sd2"),
            TinyModels.singleFile("tiny-sd2"))) {
      GenerationWork work =
          new WorkCounter(loader.architecture(model, null))
              .work(shape(64, 1, 4, 7, "euler"), Float.BYTES);
      assertThat(work.perEvaluation().flops()).as(model.toString()).isPositive();
      assertThat(work.decoding().flops()).as(model.toString()).isPositive();
    }
    ModelArchitecture sd15 = ModelArchitecture.sd15();
    ModelArchitecture inpainting =
        new ModelArchitecture(
            sd15.textEncoder(), UNetConfig.stableDiffusion(false, 9), sd15.vae(), sd15.scheduler());
    GenerationShape img2img =
        new GenerationShape(64, 64, 1, 20, 7, SamplerSettings.of("euler"), 0.5, true);
    WorkCounter counter = new WorkCounter(sd15);
    GenerationWork plain = counter.work(img2img, Float.BYTES);
    GenerationWork masked = new WorkCounter(inpainting).work(img2img, Float.BYTES);
    double encoder =
        plain.encoding().calls() - counter.work(shape(64, 1, 20, 7, "euler"), 4).encoding().calls();

    assertThat(plain.evaluations())
        .as("a share of the schedule, as the sampler plans it")
        .isEqualTo(
            SamplerFactory.create(SamplerSettings.of("euler"), sd15.scheduler())
                .plan(20, 0.5)
                .evaluations())
        .isLessThan(20);
    assertThat(encoder).as("the init image is encoded").isPositive();
    assertThat(masked.encoding().calls() - plain.encoding().calls())
        .as("and, for an inpainting model, the masked image")
        .isEqualTo(encoder);
    ModelArchitecture sd2 =
        new ModelArchitecture(
            ClipTextConfig.sd2(),
            UNetConfig.stableDiffusion(true, 4),
            sd15.vae(),
            sd15.scheduler());
    assertThat(new WorkCounter(sd2).work(shape(64, 1, 20, 7, "euler"), 2).perEvaluation().flops())
        .isPositive();
  }

  @Test
  void workGrowsWithBatchGuidanceAndStepsAsTheNetworksRun() {
    WorkCounter counter = new WorkCounter(loader.architecture(TINY_SHAPES, null));
    GenerationWork one = counter.work(shape(64, 1, 20, 1, "euler"), Float.BYTES);
    GenerationWork guided = counter.work(shape(64, 1, 20, 3, "euler"), Float.BYTES);
    GenerationWork batch = counter.work(shape(64, 4, 20, 3, "euler"), Float.BYTES);
    GenerationWork pndm = counter.work(shape(64, 1, 20, 3, "pndm"), Float.BYTES);

    // guidance doubles the UNet's batch and encodes the negative prompt too
    assertThat(guided.perEvaluation().flops()).isEqualTo(2 * one.perEvaluation().flops());
    assertThat(guided.perEvaluation().calls()).isEqualTo(one.perEvaluation().calls());
    assertThat(guided.encoding().calls()).isEqualTo(2 * one.encoding().calls());
    // a batch runs the UNet once over all images, the decoder image by image
    assertThat(batch.perEvaluation().flops()).isEqualTo(4 * guided.perEvaluation().flops());
    assertThat(batch.perEvaluation().calls()).isEqualTo(guided.perEvaluation().calls());
    assertThat(batch.decoding().calls()).isEqualTo(4 * guided.decoding().calls());
    assertThat(one.evaluations()).isEqualTo(20);
    assertThat(pndm.evaluations()).isEqualTo(21);
    // fp16 halves the bytes
    assertThat(counter.work(shape(64, 1, 20, 3, "euler"), 2).weightBytes())
        .isEqualTo(guided.weightBytes() / 2);
    assertThat(guided.weightBytes()).isEqualTo(4L * (111_232 + 4_731_364 + 732_743));
  }

  private static GenerationShape shape(int side, int batch, int steps, double cfg, String sampler) {
    return new GenerationShape(
        side, side, batch, steps, cfg, SamplerSettings.of(sampler), 1, false);
  }

  private static double gigaflopsPerStep(WorkCounter counter, int side) {
    return counter.work(shape(side, 1, 20, 7, "euler"), Float.BYTES).perEvaluation().flops() / 1e9;
  }

  /** FLOPs and kernel calls of each stage of a real generation. */
  private Map<GenerationListener.Stage, long[]> generateCounting(GenerationRequest request) {
    Map<GenerationListener.Stage, long[]> stages = new EnumMap<>(GenerationListener.Stage.class);
    try (CountingKernels kernels =
            new CountingKernels(TorchScriptKernels.forInference(Device.cpu()));
        LoadedModel model = loader.load(TINY_SHAPES, null, null, Device.cpu(), kernels)) {
      GenerationListener.Stage[] current = {null};
      GenerationListener listener =
          new GenerationListener() {
            @Override
            public void onStage(Stage stage) {
              if (current[0] != null) {
                stages.put(current[0], new long[] {kernels.flops(), kernels.calls()});
              }
              kernels.reset();
              current[0] = stage;
            }
          };
      new StableDiffusionPipeline(new ResourceMonitor(), "test")
          .run(model, request, 0, listener, new CancellationToken());
      stages.put(current[0], new long[] {kernels.flops(), kernels.calls()});
    }
    return stages;
  }
}
