package com.diffusionlab.engine.sampling;

/** What the noise-prediction network outputs, as diffusers' {@code prediction_type} names it. */
public enum PredictionType implements ConfigNamed {
  /** The added noise ε (Stable Diffusion 1.x, 2.x base, XL). */
  EPSILON("epsilon"),
  /** The velocity v = √ᾱ·ε − √(1−ᾱ)·x₀ (Stable Diffusion 2.x 768-v). */
  V_PREDICTION("v_prediction");

  private final String configName;

  PredictionType(String configName) {
    this.configName = configName;
  }

  @Override
  public String configName() {
    return configName;
  }

  /** Parses a {@code prediction_type} value; fails with the allowed names. */
  public static PredictionType fromConfigName(String value) {
    return ConfigNamed.parse(PredictionType.class, "prediction_type", value);
  }
}
