package com.diffusionlab.engine.sampling;

import com.diffusionlab.engine.EngineException;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;

/**
 * How the k-diffusion samplers spread their steps over the noise levels of a {@link
 * DiscreteSchedule}. Each gives {@code steps + 1} values, from σ_max down to a final 0.
 */
public enum SigmaSchedule implements ConfigNamed {
  /**
   * k-diffusion's {@code get_sigmas(n)}: timesteps evenly spaced from N−1 to 0, converted by {@link
   * DiscreteSchedule#tToSigma}. AUTOMATIC1111's default ("Uniform") and ComfyUI's "normal".
   */
  NORMAL("normal", "Uniform") {
    @Override
    public double[] sigmas(DiscreteSchedule schedule, int steps) {
      double[] t = Linspace.torch(schedule.size() - 1, 0, steps, DoubleUnaryOperator.identity());
      double[] sigmas = new double[steps + 1];
      for (int i = 0; i < steps; i++) {
        sigmas[i] = schedule.tToSigma(t[i]);
      }
      return sigmas;
    }
  },
  /**
   * Karras et al. (2022), ρ = 7: σ_i = (σ_max^(1/ρ) + i/(n−1)·(σ_min^(1/ρ) − σ_max^(1/ρ)))^ρ
   * between the schedule's σ_max and σ_min (k-diffusion's {@code get_sigmas_karras}).
   */
  KARRAS("karras", "Karras") {
    private static final double RHO = 7;

    @Override
    public double[] sigmas(DiscreteSchedule schedule, int steps) {
      double[] ramp = Linspace.torch(0, 1, steps, DoubleUnaryOperator.identity());
      double minInvRho = Math.pow(schedule.sigmaMin(), 1 / RHO);
      double maxInvRho = Math.pow(schedule.sigmaMax(), 1 / RHO);
      double[] sigmas = new double[steps + 1];
      for (int i = 0; i < steps; i++) {
        sigmas[i] = Math.pow(maxInvRho + ramp[i] * (minInvRho - maxInvRho), RHO);
      }
      return sigmas;
    }
  };

  private final String configName;
  private final String a1111Name;

  SigmaSchedule(String configName, String a1111Name) {
    this.configName = configName;
    this.a1111Name = a1111Name;
  }

  @Override
  public String configName() {
    return configName;
  }

  /** The name AUTOMATIC1111 (1.9 and later) writes as "Schedule type" in its infotext. */
  public String a1111Name() {
    return a1111Name;
  }

  /** The {@code steps + 1} noise levels, the last one 0. */
  public abstract double[] sigmas(DiscreteSchedule schedule, int steps);

  /**
   * Parses a schedule name, case-insensitively; AUTOMATIC1111's "Uniform" is accepted for {@link
   * #NORMAL}.
   *
   * @throws EngineException naming the value and the allowed names
   */
  public static SigmaSchedule fromName(String value) {
    if (value != null && value.trim().toLowerCase(Locale.ROOT).equals("uniform")) {
      return NORMAL;
    }
    return ConfigNamed.parse(SigmaSchedule.class, "schedule", value);
  }
}
