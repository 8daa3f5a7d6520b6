package com.diffusionlab.engine.sampling;

import com.diffusionlab.engine.EngineException;
import com.diffusionlab.engine.ModelFormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The noise schedule of a model, as diffusers' {@code scheduler_config.json} describes it. Every
 * field has the value of Stable Diffusion 1.5's file when absent. Keys this engine does not use are
 * kept in {@link #ignoredKeys} (key to JSON text) so that nothing read is lost.
 *
 * @param className {@code _class_name}, informative only: any sampler can run on any config
 * @param numTrainTimesteps {@code num_train_timesteps} N, 2 to {@value #MAX_TRAIN_TIMESTEPS}
 * @param betaStart {@code beta_start}, in (0, 1)
 * @param betaEnd {@code beta_end}, in (0, 1), not below {@code beta_start} for the linear schedules
 * @param betaSchedule {@code beta_schedule}
 * @param predictionType {@code prediction_type}
 * @param stepsOffset {@code steps_offset}, added to "leading" timesteps, 0 to N−1
 * @param timestepSpacing {@code timestep_spacing}, used by the DDIM and PNDM samplers
 * @param setAlphaToOne {@code set_alpha_to_one}: the last DDIM/PNDM step ends at ᾱ = 1 instead of
 *     ᾱ₀
 * @param clipSample {@code clip_sample}, read but not applied: latent models leave it false
 * @param rescaleBetasZeroSnr {@code rescale_betas_zero_snr}: the betas are rescaled so that no
 *     signal is left at the last timestep (Lin et al., "Common Diffusion Noise Schedules and Sample
 *     Steps are Flawed"); meant for v-prediction models
 * @param ignoredKeys the other keys of the file, key to JSON text
 */
public record SchedulerConfig(
    String className,
    int numTrainTimesteps,
    double betaStart,
    double betaEnd,
    BetaSchedule betaSchedule,
    PredictionType predictionType,
    int stepsOffset,
    TimestepSpacing timestepSpacing,
    boolean setAlphaToOne,
    boolean clipSample,
    boolean rescaleBetasZeroSnr,
    Map<String, String> ignoredKeys) {

  /** Bounds the tables built from a config that may come from a hostile model folder. */
  public static final int MAX_TRAIN_TIMESTEPS = 100_000;

  private static final long MAX_FILE_BYTES = 1 << 20;

  public SchedulerConfig {
    Objects.requireNonNull(className, "className");
    Objects.requireNonNull(betaSchedule, "betaSchedule");
    Objects.requireNonNull(predictionType, "predictionType");
    Objects.requireNonNull(timestepSpacing, "timestepSpacing");
    ignoredKeys = Map.copyOf(ignoredKeys);
    if (numTrainTimesteps < 2 || numTrainTimesteps > MAX_TRAIN_TIMESTEPS) {
      throw invalid("num_train_timesteps", numTrainTimesteps, "2 to " + MAX_TRAIN_TIMESTEPS);
    }
    requireBeta("beta_start", betaStart);
    requireBeta("beta_end", betaEnd);
    if (betaSchedule != BetaSchedule.SQUAREDCOS_CAP_V2 && betaEnd < betaStart) {
      throw invalid("beta_end", betaEnd, "at least beta_start " + betaStart);
    }
    if (stepsOffset < 0 || stepsOffset >= numTrainTimesteps) {
      throw invalid("steps_offset", stepsOffset, "0 to " + (numTrainTimesteps - 1));
    }
  }

  /**
   * The schedule of every Stable Diffusion checkpoint (1.x, 2.x, XL): N = 1000, scaled_linear from
   * 0.00085 to 0.012, steps_offset 1, leading spacing, set_alpha_to_one false, ε-prediction. For a
   * single-file checkpoint, which carries no scheduler config; SD 2.x 768-v checkpoints need {@link
   * #withPredictionType} with {@link PredictionType#V_PREDICTION}.
   */
  public static SchedulerConfig stableDiffusionDefaults() {
    return new SchedulerConfig(
        "PNDMScheduler",
        1000,
        0.00085,
        0.012,
        BetaSchedule.SCALED_LINEAR,
        PredictionType.EPSILON,
        1,
        TimestepSpacing.LEADING,
        false,
        false,
        false,
        new TreeMap<>());
  }

  /** This config with another prediction type. */
  public SchedulerConfig withPredictionType(PredictionType type) {
    return new SchedulerConfig(
        className,
        numTrainTimesteps,
        betaStart,
        betaEnd,
        betaSchedule,
        type,
        stepsOffset,
        timestepSpacing,
        setAlphaToOne,
        clipSample,
        rescaleBetasZeroSnr,
        ignoredKeys);
  }

  /**
   * Parses the text of a {@code scheduler_config.json}.
   *
   * @throws EngineException naming the key, the value and what is allowed, for malformed JSON,
   *     values of the wrong type or out of range, and settings this engine cannot honour ({@code
   *     trained_betas})
   */
  public static SchedulerConfig fromJson(String json) {
    return SchedulerConfigJson.parse(json);
  }

  /**
   * Reads a {@code scheduler_config.json} file of at most 1 MiB.
   *
   * @throws ModelFormatException naming the file when it cannot be read or is invalid
   */
  public static SchedulerConfig read(Path file) {
    try {
      long size = Files.size(file);
      if (size > MAX_FILE_BYTES) {
        throw new ModelFormatException(
            file,
            "scheduler config has " + size + " bytes; at most " + MAX_FILE_BYTES + " allowed");
      }
      return fromJson(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ModelFormatException(file, "cannot read scheduler config: " + e.getMessage(), e);
    } catch (ModelFormatException e) {
      throw e;
    } catch (EngineException e) {
      throw new ModelFormatException(file, e.getMessage(), e);
    }
  }

  private static void requireBeta(String key, double value) {
    if (!(value > 0 && value < 1)) {
      throw invalid(key, value, "greater than 0 and less than 1");
    }
  }

  private static EngineException invalid(String key, Object value, String allowed) {
    return new EngineException(key + " " + value + " is out of range; allowed: " + allowed);
  }

  /** The diffusers {@code scheduler_config.json} form, with the ignored keys left out. */
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("_class_name", className);
    json.put("num_train_timesteps", numTrainTimesteps);
    json.put("beta_start", betaStart);
    json.put("beta_end", betaEnd);
    json.put("beta_schedule", betaSchedule.configName());
    json.put("prediction_type", predictionType.configName());
    json.put("steps_offset", stepsOffset);
    json.put("timestep_spacing", timestepSpacing.configName());
    json.put("set_alpha_to_one", setAlphaToOne);
    json.put("clip_sample", clipSample);
    json.put("rescale_betas_zero_snr", rescaleBetasZeroSnr);
    json.put("skip_prk_steps", true);
    return json;
  }
}
