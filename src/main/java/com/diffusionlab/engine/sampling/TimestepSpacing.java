package com.diffusionlab.engine.sampling;

/**
 * How diffusers spreads the inference timesteps of DDIM and PNDM over the training timesteps (Lin
 * et al. 2023, table 2).
 */
public enum TimestepSpacing implements ConfigNamed {
  /** {@code i·(N/steps) + steps_offset}: Stable Diffusion's own choice. */
  LEADING("leading"),
  /** {@code round(N − i·N/steps) − 1}: starts at the last training timestep. */
  TRAILING("trailing"),
  /** {@code round(linspace(0, N−1, steps))}. */
  LINSPACE("linspace");

  private final String configName;

  TimestepSpacing(String configName) {
    this.configName = configName;
  }

  @Override
  public String configName() {
    return configName;
  }

  /** Parses a {@code timestep_spacing} value; fails with the allowed names. */
  public static TimestepSpacing fromConfigName(String value) {
    return ConfigNamed.parse(TimestepSpacing.class, "timestep_spacing", value);
  }
}
