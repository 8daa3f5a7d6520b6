package com.diffusionlab.cli;

import com.diffusionlab.engine.CancellationToken;
import com.diffusionlab.engine.loading.ModelArchitecture;
import com.diffusionlab.engine.training.ModelCard;
import com.diffusionlab.engine.training.TinyShapesTrainer;
import com.diffusionlab.engine.training.TrainingListener;
import com.diffusionlab.engine.training.TrainingOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dlab train-tiny}: trains the bundled tiny-shapes model from scratch on the CPU. */
@Command(
    name = "train-tiny",
    mixinStandardHelpOptions = true,
    description = {
      "Trains the tiny-shapes model (autoencoder, then UNet and text encoder) on procedurally drawn"
          + " shapes and writes it as a diffusers folder. Progress goes to stderr; checkpoints are"
          + " saved every few minutes and a rerun with the same options resumes."
    })
final class TrainTinyCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Option(names = "--out", required = true, description = "Model folder to write.")
  private Path out;

  @Option(
      names = "--minutes",
      defaultValue = "85",
      description = "Time budget (default ${DEFAULT-VALUE}).")
  private double minutes;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of data, weights and noise.")
  private long seed;

  @Option(names = "--checkpoints", description = "Checkpoint folder (default: OUT.checkpoints).")
  private Path checkpoints;

  @Option(names = "--max-vae-steps", description = "Cap on autoencoder steps.")
  private Long maxVaeSteps;

  @Option(names = "--max-diffusion-steps", description = "Cap on diffusion steps.")
  private Long maxDiffusionSteps;

  @Override
  public Integer call() throws IOException {
    TrainingOptions standard = TrainingOptions.standard(out, seed, minutes);
    TrainingOptions options =
        new TrainingOptions(
            out,
            checkpoints != null ? checkpoints : standard.checkpoints(),
            seed,
            minutes,
            standard.vaeShare(),
            standard.vaeBatch(),
            standard.diffusionBatch(),
            maxVaeSteps != null ? maxVaeSteps : standard.maxVaeSteps(),
            maxDiffusionSteps != null ? maxDiffusionSteps : standard.maxDiffusionSteps(),
            standard.checkpointMinutes(),
            false);
    PrintWriter err = spec.commandLine().getErr();
    Progress progress = new Progress(err);
    ModelArchitecture trained =
        new TinyShapesTrainer(options, progress, new CancellationToken()).train();
    String command =
        "dlab train-tiny --out "
            + out
            + " --minutes "
            + minutes
            + " --seed "
            + seed
            + (maxVaeSteps != null ? " --max-vae-steps " + maxVaeSteps : "")
            + (maxDiffusionSteps != null ? " --max-diffusion-steps " + maxDiffusionSteps : "");
    Files.writeString(
        out.resolve("README.md"),
        ModelCard.markdown(trained, options, progress.figures(), command));
    err.println("model card written to " + out.resolve("README.md"));
    return 0;
  }

  /** A progress line every 10 steps and every message; remembers each stage's last figures. */
  private static final class Progress implements TrainingListener {
    private final PrintWriter err;
    private final Map<String, double[]> last = new HashMap<>();

    Progress(PrintWriter err) {
      this.err = err;
    }

    ModelCard.Figures figures() {
      double[] vae = last.getOrDefault("vae", new double[3]);
      double[] diffusion = last.getOrDefault("diffusion", new double[3]);
      return new ModelCard.Figures(
          (long) vae[0], vae[1] / 60, vae[2], (long) diffusion[0], diffusion[1] / 60, diffusion[2]);
    }

    @Override
    public void onStep(
        String stage, long step, double loss, double secondsPerStep, double remaining) {
      last.put(stage, new double[] {step, step * secondsPerStep, loss});
      if (step % 10 == 0) {
        err.printf(
            "%s step %d  loss %.5f  %.2f s/step  %.1f min left%n",
            stage, step, loss, secondsPerStep, remaining / 60);
        err.flush();
      }
    }

    @Override
    public void onMessage(String message) {
      err.println(message);
      err.flush();
    }
  }
}
