package com.diffusionlab.engine.sampling;

import com.diffusionlab.engine.EngineException;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads diffusers' {@code scheduler_config.json} into a {@link SchedulerConfig}. */
final class SchedulerConfigJson {
  /** A key given twice would make the result depend on the parser's choice: refuse it. */
  private static final JsonMapper MAPPER =
      JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private SchedulerConfigJson() {}

  static SchedulerConfig parse(String json) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JacksonException e) {
      throw new EngineException("scheduler config is not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new EngineException("scheduler config must be a JSON object");
    }
    SchedulerConfig defaults = SchedulerConfig.stableDiffusionDefaults();
    String className = defaults.className();
    int numTrainTimesteps = defaults.numTrainTimesteps();
    double betaStart = defaults.betaStart();
    double betaEnd = defaults.betaEnd();
    BetaSchedule betaSchedule = defaults.betaSchedule();
    PredictionType predictionType = defaults.predictionType();
    int stepsOffset = defaults.stepsOffset();
    TimestepSpacing timestepSpacing = defaults.timestepSpacing();
    boolean setAlphaToOne = defaults.setAlphaToOne();
    boolean clipSample = defaults.clipSample();
    boolean rescaleBetasZeroSnr = defaults.rescaleBetasZeroSnr();
    Map<String, String> ignored = new TreeMap<>();
    for (Map.Entry<String, JsonNode> entry : root.properties()) {
      String key = entry.getKey();
      JsonNode value = entry.getValue();
      // diffusers writes None for "not set"; the default then applies
      boolean unset = value.isNull();
      switch (key) {
        case "_class_name" -> className = unset ? className : string(key, value);
        case "num_train_timesteps" ->
            numTrainTimesteps = unset ? numTrainTimesteps : integer(key, value);
        case "beta_start" -> betaStart = unset ? betaStart : number(key, value);
        case "beta_end" -> betaEnd = unset ? betaEnd : number(key, value);
        case "beta_schedule" ->
            betaSchedule = unset ? betaSchedule : BetaSchedule.fromConfigName(string(key, value));
        case "prediction_type" ->
            predictionType =
                unset ? predictionType : PredictionType.fromConfigName(string(key, value));
        case "steps_offset" -> stepsOffset = unset ? stepsOffset : integer(key, value);
        case "timestep_spacing" ->
            timestepSpacing =
                unset ? timestepSpacing : TimestepSpacing.fromConfigName(string(key, value));
        case "set_alpha_to_one" -> setAlphaToOne = unset ? setAlphaToOne : bool(key, value);
        case "clip_sample" -> clipSample = unset ? clipSample : bool(key, value);
        case "trained_betas" -> {
          if (!unset) {
            throw unsupported(key, value, "null (betas from beta_schedule)");
          }
        }
        case "rescale_betas_zero_snr" ->
            rescaleBetasZeroSnr = unset ? rescaleBetasZeroSnr : bool(key, value);
        default -> ignored.put(key, value.toString());
      }
    }
    return new SchedulerConfig(
        className,
        numTrainTimesteps,
        betaStart,
        betaEnd,
        betaSchedule,
        predictionType,
        stepsOffset,
        timestepSpacing,
        setAlphaToOne,
        clipSample,
        rescaleBetasZeroSnr,
        ignored);
  }

  private static String string(String key, JsonNode value) {
    if (!value.isString()) {
      throw wrongType(key, value, "a string");
    }
    return value.stringValue();
  }

  private static int integer(String key, JsonNode value) {
    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
      throw wrongType(key, value, "an integer");
    }
    return value.intValue();
  }

  private static double number(String key, JsonNode value) {
    if (!value.isNumber()) {
      throw wrongType(key, value, "a number");
    }
    return value.doubleValue();
  }

  private static boolean bool(String key, JsonNode value) {
    if (!value.isBoolean()) {
      throw wrongType(key, value, "true or false");
    }
    return value.booleanValue();
  }

  private static EngineException wrongType(String key, JsonNode value, String expected) {
    return new EngineException(
        key + " " + Messages.quote(value.toString()) + " has the wrong type; allowed: " + expected);
  }

  private static EngineException unsupported(String key, JsonNode value, String allowed) {
    return new EngineException(
        key + " " + Messages.quote(value.toString()) + " is not supported; allowed: " + allowed);
  }
}
