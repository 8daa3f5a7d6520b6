package com.diffusionlab.engine.training;

import com.diffusionlab.engine.InvalidRequestException;
import java.nio.file.Path;

/**
 * How to train the tiny-shapes model.
 *
 * @param out the diffusers folder to write the model to
 * @param checkpoints where progress is saved; a run finding a checkpoint there resumes from it
 * @param seed decides the data order, initial weights and every random draw of training
 * @param minutes the wall-time budget of the whole run; each stage stops at its share
 * @param vaeShare the share of the budget for the autoencoder, the rest trains UNet and text
 *     encoder together
 * @param maxVaeSteps stop the autoencoder stage after this many steps even with time left
 * @param maxDiffusionSteps likewise for the diffusion stage
 * @param micro the test-sized architecture instead of the standard one
 */
public record TrainingOptions(
    Path out,
    Path checkpoints,
    long seed,
    double minutes,
    double vaeShare,
    int vaeBatch,
    int diffusionBatch,
    long maxVaeSteps,
    long maxDiffusionSteps,
    double checkpointMinutes,
    boolean micro) {

  public TrainingOptions {
    if (!(minutes > 0) || minutes > 24 * 60) {
      throw new InvalidRequestException("minutes", minutes, "more than 0, at most 1440");
    }
    if (!(vaeShare > 0 && vaeShare < 1)) {
      throw new InvalidRequestException("vaeShare", vaeShare, "between 0 and 1");
    }
    if (vaeBatch < 1 || diffusionBatch < 1 || vaeBatch > 256 || diffusionBatch > 256) {
      throw new InvalidRequestException(
          "batch", vaeBatch + "/" + diffusionBatch, "1 to 256 for each stage");
    }
  }

  /** The bundled model's recipe for a budget of {@code minutes}. */
  public static TrainingOptions standard(Path out, long seed, double minutes) {
    return new TrainingOptions(
        out,
        out.resolveSibling(out.getFileName() + ".checkpoints"),
        seed,
        minutes,
        0.35,
        16,
        32,
        Long.MAX_VALUE,
        Long.MAX_VALUE,
        5,
        false);
  }
}
