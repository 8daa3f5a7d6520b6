package com.diffusionlab.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import com.diffusionlab.engine.image.Mask;
import com.diffusionlab.engine.image.RgbImage;
import com.diffusionlab.engine.noise.NoiseKind;
import com.diffusionlab.engine.sampling.SamplerSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** End-to-end generations on the tiny random-weight models: the whole engine, no mocks. */
class GenerationIT {

  private static final ModelRef SD1 = ModelRef.of(TinyModels.folder("tiny-sd1"));
  private static final ModelRef SD2 = ModelRef.of(TinyModels.folder("tiny-sd2"));
  private static DiffusionEngine engine;

  @BeforeAll
  static void start() {
    engine = new DiffusionEngine(EngineSettings.cpu());
  }

  @AfterAll
  static void stop() {
    engine.close();
  }

  private static GenerationRequest.Builder request() {
    return GenerationRequest.builder("a photo of a red cat")
        .negativePrompt("a dog")
        .seed(42)
        .steps(6)
        .cfg(5)
        .size(16, 16);
  }

  private static GenerationResult generate(ModelRef model, GenerationRequest request) {
    return engine.generate(model, request, GenerationListener.NONE, new CancellationToken());
  }

  private static RgbImage image(GenerationResult result, int index) {
    return result.images().get(index).image();
  }

  @ParameterizedTest
  @ValueSource(strings = {"euler", "euler_a", "dpmpp_2m_karras", "ddim", "pndm"})
  void everySamplerGeneratesTheSameImageTwice(String sampler) {
    GenerationRequest request = request().sampler(SamplerSettings.of(sampler)).build();
    GenerationResult first = generate(SD1, request);
    GenerationResult second = generate(SD1, request);
    assertThat(first.images()).hasSize(1);
    assertThat(image(first, 0).width()).isEqualTo(16);
    assertThat(image(first, 0)).isEqualTo(image(second, 0));
    assertThat(first.timings().steps()).isNotEmpty().allSatisfy(s -> assertThat(s).isPositive());
    assertThat(first.peakRssBytes()).isPositive();
    assertThat(first.model().contentHash()).hasSize(64);
  }

  @Test
  void seedsAndNoiseGeneratorsChangeTheImage() {
    RgbImage base = image(generate(SD1, request().build()), 0);
    assertThat(image(generate(SD1, request().seed(43).build()), 0)).isNotEqualTo(base);
    assertThat(image(generate(SD1, request().rng(NoiseKind.TORCH_CPU).build()), 0))
        .isNotEqualTo(base);
  }

  @Test
  void imageIOfABatchIsTheImageOfSeedPlusIAlone() {
    GenerationResult batch = generate(SD1, request().batch(3).build());
    assertThat(batch.images()).extracting(GeneratedImage::seed).containsExactly(42L, 43L, 44L);
    RgbImage alone = image(generate(SD1, request().seed(44).build()), 0);
    assertThat(maxPixelDifference(image(batch, 2), alone)).isLessThanOrEqualTo(1);
  }

  @Test
  void concurrentGenerationsDoNotDisturbEachOther() throws Exception {
    GenerationRequest a = request().build();
    GenerationRequest b = request().seed(7).sampler(SamplerSettings.of("euler_a")).build();
    RgbImage aloneA = image(generate(SD1, a), 0);
    RgbImage aloneB = image(generate(SD1, b), 0);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<RgbImage>> futures = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        GenerationRequest r = i % 2 == 0 ? a : b;
        Callable<RgbImage> task = () -> image(generate(SD1, r), 0);
        futures.add(pool.submit(task));
      }
      for (int i = 0; i < futures.size(); i++) {
        assertThat(futures.get(i).get()).isEqualTo(i % 2 == 0 ? aloneA : aloneB);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void cancellationStopsBetweenSteps() {
    CancellationToken token = new CancellationToken();
    List<Integer> seen = new ArrayList<>();
    GenerationListener listener =
        new GenerationListener() {
          @Override
          public void onStep(StepProgress progress) {
            seen.add(progress.index());
            if (progress.index() == 2) {
              token.cancel();
            }
          }
        };
    assertThatThrownBy(() -> engine.generate(SD1, request().steps(10).build(), listener, token))
        .isInstanceOf(GenerationCancelledException.class);
    assertThat(seen).containsExactly(0, 1, 2);
  }

  @Test
  void listenerSeesEveryStepWithPreviews() {
    List<StepProgress> steps = new ArrayList<>();
    List<GenerationListener.Stage> stages = new ArrayList<>();
    GenerationListener listener =
        new GenerationListener() {
          @Override
          public void onStage(Stage stage) {
            stages.add(stage);
          }

          @Override
          public void onStep(StepProgress progress) {
            steps.add(progress);
          }
        };
    GenerationResult result =
        engine.generate(SD1, request().previews(true).build(), listener, new CancellationToken());
    assertThat(stages).containsExactly(GenerationListener.Stage.values());
    assertThat(steps).hasSize(6).allSatisfy(s -> assertThat(s.preview()).isNotNull());
    assertThat(steps.get(0).preview().width()).isEqualTo(8); // one pixel per latent pixel
    assertThat(result.timings().steps()).hasSize(6);
  }

  @Test
  void guidanceAndEmphasisChangeTheImageButNeutralEmphasisDoesNot() {
    RgbImage base = image(generate(SD1, request().build()), 0);
    assertThat(image(generate(SD1, request().cfg(1).build()), 0)).isNotEqualTo(base);
    assertThat(image(generate(SD1, request().prompt("a photo of a (red:1.6) cat").build()), 0))
        .isNotEqualTo(base);
    assertThat(image(generate(SD1, request().prompt("a photo of a (red:1.0) cat").build()), 0))
        .isEqualTo(base);
  }

  @Test
  void longPromptsAreChunked() {
    String longPrompt = String.join(", ", java.util.Collections.nCopies(40, "a red cat"));
    GenerationResult result = generate(SD1, request().prompt(longPrompt).build());
    assertThat(result.images()).hasSize(1);
  }

  @Test
  void singleFileAndDiffusersFolderOfTheSameWeightsGiveTheSameImage() {
    ModelRef single =
        new ModelRef(TinyModels.singleFile("tiny-sd1"), TinyModels.folder("tiny-sd1"));
    assertThat(image(generate(single, request().build()), 0))
        .isEqualTo(image(generate(SD1, request().build()), 0));
  }

  @Test
  void vPredictionModelGeneratesDeterministically() {
    GenerationResult first = generate(SD2, request().build());
    assertThat(first.model().predictionType()).isEqualTo("v_prediction");
    assertThat(image(first, 0)).isEqualTo(image(generate(SD2, request().build()), 0));
  }

  @Test
  void imageToImageFollowsStrengthAndAnEmptyMaskKeepsTheImage() {
    RgbImage init = image(generate(SD1, request().build()), 0);
    GenerationResult img2img =
        generate(SD1, request().steps(10).initImage(init, 0.5).seed(5).build());
    // AUTOMATIC1111: t_enc = int(0.5 · 10) = 5, sigmas[10 − 5 − 1:] gives 6 evaluations
    assertThat(img2img.timings().steps()).hasSize(6);
    Mask keepAll = new Mask(16, 16, new byte[16 * 16]);
    GenerationResult kept =
        generate(SD1, request().initImage(init, 0.8).mask(keepAll).seed(5).build());
    Mask repaintAll = new Mask(16, 16, filled(16 * 16));
    GenerationResult repainted =
        generate(SD1, request().initImage(init, 0.8).mask(repaintAll).seed(5).build());
    GenerationResult plain = generate(SD1, request().initImage(init, 0.8).seed(5).build());
    // a mask that repaints everything is plain img2img; one that keeps everything changes nothing
    assertThat(image(repainted, 0)).isEqualTo(image(plain, 0));
    assertThat(maxPixelDifference(image(kept, 0), image(plain, 0))).isPositive();
    GenerationResult keptAgain =
        generate(SD1, request().initImage(init, 0.3).mask(keepAll).seed(9).build());
    assertThat(image(keptAgain, 0)).isEqualTo(image(kept, 0));
  }

  @Test
  void badRequestsNameTheFieldTheValueAndWhatIsAllowed() {
    assertThatThrownBy(() -> generate(SD1, request().size(20, 16).steps(0).build()))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("width=20")
        .hasMessageContaining("multiple of 8")
        .hasMessageContaining("steps=0");
    assertThatThrownBy(() -> generate(SD1, request().clipSkip(4).build()))
        .hasMessageContaining("clipSkip=4")
        .hasMessageContaining("1 to 3");
    assertThatThrownBy(() -> generate(SD1, request().sampler(SamplerSettings.of("heun")).build()))
        .hasMessageContaining("sampler=heun");
  }

  @Test
  void fiftyGenerationsLeaveNoArraysOrNativeMemoryBehind() {
    // at 128×128 a generation allocates tens of megabytes of activations: leaking them would show
    GenerationRequest request = request().size(128, 128).build();
    ResourceMonitor monitor = new ResourceMonitor();
    for (int i = 0; i < 5; i++) {
      generate(SD1, request.toBuilder().seed(100 + i).build()); // allocator warm-up
    }
    int arraysBefore = liveArrays();
    long rssBefore = monitor.rssBytes();
    for (int i = 0; i < 50; i++) {
      generate(SD1, request.toBuilder().seed(i).build());
    }
    assertThat(liveArrays()).isEqualTo(arraysBefore);
    assertThat(monitor.rssBytes() - rssBefore).isLessThan(64L << 20);
  }

  /** Arrays held anywhere under the engine's system manager. */
  private static int liveArrays() {
    try (NDManager probe = NDManager.newBaseManager()) {
      return probe.getParentManager().getManagedArrays().size();
    }
  }

  private static byte[] filled(int size) {
    byte[] levels = new byte[size];
    Arrays.fill(levels, (byte) 255);
    return levels;
  }

  private static int maxPixelDifference(RgbImage a, RgbImage b) {
    int max = 0;
    for (int i = 0; i < a.rgb().length; i++) {
      max = Math.max(max, Math.abs((a.rgb()[i] & 0xff) - (b.rgb()[i] & 0xff)));
    }
    return max;
  }
}
