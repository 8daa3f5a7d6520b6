package com.diffusionlab.engine.training;

import com.diffusionlab.engine.CancellationToken;
import com.diffusionlab.engine.DiffusionEngine;
import com.diffusionlab.engine.GeneratedImage;
import com.diffusionlab.engine.GenerationListener;
import com.diffusionlab.engine.GenerationRequest;
import com.diffusionlab.engine.GenerationResult;
import com.diffusionlab.engine.ModelRef;
import com.diffusionlab.engine.image.RgbImage;
import com.diffusionlab.engine.sampling.SamplerSettings;
import com.diffusionlab.engine.shapes.CaptionAttributes;
import com.diffusionlab.engine.shapes.CaptionGrammar;
import com.diffusionlab.engine.shapes.CaptionParser;
import com.diffusionlab.engine.shapes.ShapeChecker;
import com.diffusionlab.engine.shapes.ShapeDataset;
import com.diffusionlab.engine.shapes.ShapeSample;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.LongStream;

/**
 * Scores how well a model draws what a prompt asks, with the shape checker, which looks at pixels
 * only and knows nothing of the model: for every grammar prompt and seed, did the picture get the
 * colour, shape, count, position and background right. Run at several guidance scales to show that
 * guidance matters, and with several seeds per prompt to show that seeds give different pictures.
 */
public final class TinyShapesEvaluation {

  /**
   * @param prompts how many grammar prompts (balanced over colours, shapes, counts, positions)
   * @param seeds images per prompt (seeds 0, 1, …)
   * @param guidance the guidance scales to compare, e.g. 1, 3 and 5
   */
  public record Options(
      ModelRef model,
      int prompts,
      int seeds,
      int steps,
      String sampler,
      List<Double> guidance,
      long promptSeed) {}

  /** Adherence at one guidance scale. */
  public record Row(double cfg, Adherence adherence, int images) {}

  /**
   * @param distinctSeedPairs share of same-prompt image pairs from different seeds that differ
   * @param secondsPerImage median time of one 64×64 image alone (batch 1)
   */
  public record Report(
      Options options,
      String modelHash,
      AutoencoderRoundTrip.Ceiling ceiling,
      List<Row> rows,
      double distinctSeedPairs,
      double secondsPerImage) {}

  private final DiffusionEngine engine;
  private final ShapeChecker checker = new ShapeChecker();
  private final CaptionParser parser = new CaptionParser();

  public TinyShapesEvaluation(DiffusionEngine engine) {
    this.engine = engine;
  }

  public Report run(Options options, Consumer<String> progress) {
    progress.accept("dataset images through the model's autoencoder");
    ShapeDataset unseen = new ShapeDataset(options.promptSeed());
    List<ShapeSample> samples =
        LongStream.range(0, (long) options.prompts() * options.seeds())
            .mapToObj(unseen::sample)
            .toList();
    AutoencoderRoundTrip.Ceiling ceiling =
        new AutoencoderRoundTrip().measure(options.model(), samples);
    List<String> prompts = CaptionGrammar.prompts(options.promptSeed(), options.prompts());
    List<Row> rows = new ArrayList<>();
    int distinct = 0;
    int pairs = 0;
    String hash = null;
    for (double cfg : options.guidance()) {
      AttributeTally tally = new AttributeTally();
      int images = 0;
      for (int p = 0; p < prompts.size(); p++) {
        String prompt = prompts.get(p);
        CaptionAttributes asked = parser.parse(prompt);
        GenerationResult result = generate(options, prompt, cfg, options.seeds());
        hash = result.model().contentHash();
        List<RgbImage> pictures = result.images().stream().map(GeneratedImage::image).toList();
        for (RgbImage picture : pictures) {
          tally.add(checker.check(picture), asked);
          images++;
        }
        if (cfg == options.guidance().get(options.guidance().size() - 1)) {
          for (int i = 0; i < pictures.size(); i++) {
            for (int j = i + 1; j < pictures.size(); j++) {
              pairs++;
              distinct += pictures.get(i).equals(pictures.get(j)) ? 0 : 1;
            }
          }
        }
        progress.accept(String.format("cfg %.1f: prompt %d/%d", cfg, p + 1, prompts.size()));
      }
      rows.add(new Row(cfg, tally.adherence(), images));
    }
    return new Report(
        options,
        hash,
        ceiling,
        rows,
        pairs == 0 ? 0 : distinct / (double) pairs,
        secondsPerImage(options, prompts.get(0)));
  }

  private GenerationResult generate(Options options, String prompt, double cfg, int batch) {
    return engine.generate(
        options.model(),
        GenerationRequest.builder(prompt)
            .seed(0)
            .steps(options.steps())
            .cfg(cfg)
            .sampler(SamplerSettings.of(options.sampler()))
            .size(64, 64)
            .batch(batch)
            .build(),
        GenerationListener.NONE,
        new CancellationToken());
  }

  /** The median of five single-image generations, after one to load and warm up. */
  private double secondsPerImage(Options options, String prompt) {
    double cfg = options.guidance().get(options.guidance().size() - 1);
    generate(options, prompt, cfg, 1);
    List<Double> times = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      GenerationResult result = generate(options, prompt, cfg, 1);
      times.add(result.timings().total());
    }
    times.sort(Double::compare);
    return times.get(times.size() / 2);
  }
}
