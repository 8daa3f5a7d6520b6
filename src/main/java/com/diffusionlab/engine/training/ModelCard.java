package com.diffusionlab.engine.training;

import ai.djl.ndarray.types.Shape;
import com.diffusionlab.engine.loading.ModelArchitecture;
import com.diffusionlab.engine.sampling.SchedulerConfig;
import com.diffusionlab.engine.shapes.CaptionGrammar;
import com.diffusionlab.engine.shapes.NamedColour;
import com.diffusionlab.engine.shapes.ShapeKind;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The README.md that ships with a trained tiny-shapes model. */
public final class ModelCard {

  /** What training did, from the checkpoint state: a resumed run reports both stages. */
  public record Figures(
      long vaeSteps,
      double vaeMinutes,
      double vaeLoss,
      long diffusionSteps,
      double diffusionMinutes,
      double diffusionLoss) {}

  /**
   * The settings the workspace and the CLI default to for this model (read back by {@code
   * CardRecommendations}): its training size, and guidance 3, because the evaluation ({@code dlab
   * eval}) found the shape and count targets met at guidance 1 to 3 and small shapes overshot
   * above.
   */
  static final String FRONT_MATTER =
      """
      ---
      inference:
        parameters:
          guidance_scale: 3
          num_inference_steps: 20
          sampler: euler
          width: 64
          height: 64
      ---
      """;

  private ModelCard() {}

  public static String markdown(
      ModelArchitecture architecture, TrainingOptions options, Figures figures, String command) {
    StringBuilder md = new StringBuilder(FRONT_MATTER);
    md.append("# tiny-shapes\n\n");
    md.append(
        "A Stable Diffusion-family text-to-image model trained from scratch by Diffusion Lab, in"
            + " Java on a CPU, so that the app makes meaningful pictures out of the box. It draws"
            + " simple shapes from captions such as \"two green squares at the top\". It is an"
            + " ordinary diffusers folder: CLIP-style text encoder, UNet with cross-attention,"
            + " AutoencoderKL, "
            + schedule(architecture.scheduler())
            + ".\n\n");
    md.append("## Data\n\n");
    md.append(
        "Procedural scenes drawn with Java2D (`com.diffusionlab.engine.shapes`), 64×64 RGB,"
            + " deterministic from the seed: one to three objects of one shape, colour and size in"
            + " one region, on a background colour.\n\n");
    md.append("- shapes: ").append(join(ShapeKind.values())).append('\n');
    md.append("- colours: ").append(join(NamedColour.values())).append('\n');
    md.append("- sizes: small, large; positions: left, right, top, bottom, centre\n");
    md.append(
        "- captions from a small grammar (each names colour and shape, and the count when above"
            + " one; size, position and background each with probability 0.5), vocabulary of "
            + CaptionGrammar.vocabulary().size()
            + " words; 10% of captions are dropped during training so that classifier-free guidance"
            + " works\n\n");
    md.append("## Configuration\n\n| component | parameters | configuration |\n|---|---:|---|\n");
    Map<String, Long> counts = parameterCounts(architecture);
    md.append(
        row(
            "text encoder",
            counts.get("text_encoder"),
            architecture.textEncoder().toJson().toString()));
    md.append(
        row(
            "UNet",
            counts.get("unet"),
            "block_out_channels "
                + architecture.unet().blockOutChannels()
                + ", cross-attention "
                + architecture.unet().crossAttentionDim()));
    md.append(
        row(
            "VAE",
            counts.get("vae"),
            "block_out_channels "
                + architecture.vae().blockOutChannels()
                + ", latent 4×16×16, scaling_factor "
                + architecture.vae().scalingFactor()));
    md.append("\n## Training\n\n");
    md.append("Produced by this exact command (seed ")
        .append(options.seed())
        .append("):\n\n```bash\n")
        .append(command)
        .append("\n```\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "| stage | steps | batch | minutes | last loss |%n|---|---:|---:|---:|---:|%n"
                + "| autoencoder (L1 + L2 with object pixels ×10, + 1e-6·KL; AdamW %s, cooled to a tenth over the last 30%%) | %d | %d | %.1f | %.5f |%n"
                + "| UNet + text encoder (ε with %s offset noise, min-SNR γ=5, AdamW %s cooled to a tenth over the last 30%%, EMA 0.999 after a warm-up) | %d | %d | %.1f | %.5f |%n%n",
            TinyShapesTrainer.VAE_RATE,
            figures.vaeSteps(),
            options.vaeBatch(),
            figures.vaeMinutes(),
            figures.vaeLoss(),
            TinyShapesTrainer.NOISE_OFFSET,
            TinyShapesTrainer.DIFFUSION_RATE,
            figures.diffusionSteps(),
            options.diffusionBatch(),
            figures.diffusionMinutes(),
            figures.diffusionLoss()));
    md.append(
        "The published weights are the exponential moving averages of UNet and text encoder. Data"
            + " and noise of every step follow from the seed and the step number, and checkpoints"
            + " hold the optimizer state and the stage's elapsed time, so an interrupted run"
            + " resumes where it stopped; the number of steps, and with it the step at which the"
            + " autoencoder's rate starts to cool, depend on the machine's speed within the time"
            + " budget.\n\n");
    md.append("## Evaluation\n\n");
    md.append(
        "<!-- evaluation:start -->\nRun `dlab eval --model <this folder>` to fill this in.\n<!-- evaluation:end -->\n");
    return md.toString();
  }

  private static String schedule(SchedulerConfig scheduler) {
    return String.format(
        Locale.ROOT,
        "%d-step noise schedule with %s betas from %s to %s, %s prediction",
        scheduler.numTrainTimesteps(),
        scheduler.betaSchedule().configName(),
        BigDecimal.valueOf(scheduler.betaStart()).stripTrailingZeros().toPlainString(),
        BigDecimal.valueOf(scheduler.betaEnd()).stripTrailingZeros().toPlainString(),
        scheduler.predictionType().configName());
  }

  private static Map<String, Long> parameterCounts(ModelArchitecture architecture) {
    return architecture.parameterShapes().entrySet().stream()
        .collect(
            Collectors.toMap(
                Map.Entry::getKey,
                e -> e.getValue().values().stream().mapToLong(Shape::size).sum()));
  }

  private static String row(String name, long parameters, String configuration) {
    return String.format(Locale.ROOT, "| %s | %,d | %s |%n", name, parameters, configuration);
  }

  private static String join(Enum<?>[] values) {
    return Arrays.stream(values)
        .map(v -> v.name().toLowerCase(Locale.ROOT))
        .collect(Collectors.joining(", "));
  }
}
