package com.diffusionlab.cli;

import com.diffusionlab.engine.CancellationToken;
import com.diffusionlab.engine.training.ModelCard;
import com.diffusionlab.engine.training.TinyShapesTrainer;
import com.diffusionlab.engine.training.TrainingListener;
import com.diffusionlab.engine.training.TrainingOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
    TinyShapesTrainer.TrainedModel trained =
        new TinyShapesTrainer(options, new Progress(err), new CancellationToken()).train();
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
        ModelCard.markdown(trained.architecture(), options, trained.figures(), command));
    err.println("model card written to " + out.resolve("README.md"));
    return 0;
  }

  /** A progress line every 10 steps and every message. */
  private static final class Progress implements TrainingListener {
    private final PrintWriter err;

    Progress(PrintWriter err) {
      this.err = err;
    }

    @Override
    public void onStep(
        String stage, long step, double loss, double secondsPerStep, double remaining) {
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
