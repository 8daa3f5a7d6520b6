package com.diffusionlab.engine.sampling;

/** How the per-timestep noise variances β are laid out, as diffusers' {@code beta_schedule}. */
public enum BetaSchedule implements ConfigNamed {
  /** β = linspace(√β_start, √β_end, N)²: latent diffusion's schedule (all Stable Diffusion). */
  SCALED_LINEAR("scaled_linear") {
    @Override
    double[] betas(int count, double start, double end, BetaPrecision precision) {
      double[] roots = Linspace.torch(Math.sqrt(start), Math.sqrt(end), count, precision::round);
      double[] betas = new double[count];
      for (int i = 0; i < count; i++) {
        betas[i] = precision.round(roots[i] * roots[i]);
      }
      return betas;
    }
  },
  /** β = linspace(β_start, β_end, N). */
  LINEAR("linear") {
    @Override
    double[] betas(int count, double start, double end, BetaPrecision precision) {
      return Linspace.torch(start, end, count, precision::round);
    }
  },
  /** Nichol and Dhariwal's cosine schedule, β capped at 0.999; ignores β_start and β_end. */
  SQUAREDCOS_CAP_V2("squaredcos_cap_v2") {
    private static final double MAX_BETA = 0.999;

    @Override
    double[] betas(int count, double start, double end, BetaPrecision precision) {
      double[] betas = new double[count];
      for (int i = 0; i < count; i++) {
        double ratio = alphaBar((i + 1) / (double) count) / alphaBar(i / (double) count);
        betas[i] = precision.round(Math.min(1 - ratio, MAX_BETA));
      }
      return betas;
    }

    private double alphaBar(double t) {
      double c = Math.cos((t + 0.008) / 1.008 * Math.PI / 2);
      return c * c;
    }
  };

  private final String configName;

  BetaSchedule(String configName) {
    this.configName = configName;
  }

  @Override
  public String configName() {
    return configName;
  }

  /** The {@code count} betas of this schedule, rounded as {@code precision} says. */
  abstract double[] betas(int count, double start, double end, BetaPrecision precision);

  /** Parses a {@code beta_schedule} value; fails with the allowed names. */
  public static BetaSchedule fromConfigName(String value) {
    return ConfigNamed.parse(BetaSchedule.class, "beta_schedule", value);
  }
}
