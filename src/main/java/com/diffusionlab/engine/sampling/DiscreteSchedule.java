package com.diffusionlab.engine.sampling;

import com.diffusionlab.engine.EngineException;
import java.util.Arrays;

/**
 * The noise levels of a discrete-time diffusion model (k-diffusion's {@code DiscreteSchedule}): ᾱ_t
 * for the training timesteps t = 0 … N−1, σ_t = √((1−ᾱ_t)/ᾱ_t), and the map between continuous σ
 * and fractional t by interpolating log σ linearly between neighbouring integer timesteps.
 * Immutable.
 */
public final class DiscreteSchedule {
  private final double[] alphasCumprod;
  private final double[] sigmas;
  private final double[] logSigmas;

  private DiscreteSchedule(double[] alphasCumprod) {
    this.alphasCumprod = alphasCumprod;
    this.sigmas = new double[alphasCumprod.length];
    this.logSigmas = new double[alphasCumprod.length];
    for (int t = 0; t < alphasCumprod.length; t++) {
      sigmas[t] = Math.sqrt((1 - alphasCumprod[t]) / alphasCumprod[t]);
      logSigmas[t] = Math.log(sigmas[t]);
    }
  }

  /**
   * The schedule of {@code config}: betas of its beta schedule computed in {@code precision}, ᾱ as
   * their running product accumulated in float64 (as torch's CPU cumprod does) and kept as float32.
   *
   * @throws EngineException when the betas do not give noise levels rising strictly with t
   */
  public static DiscreteSchedule of(SchedulerConfig config, BetaPrecision precision) {
    int count = config.numTrainTimesteps();
    double[] betas =
        config.betaSchedule().betas(count, config.betaStart(), config.betaEnd(), precision);
    double[] alphasCumprod = new double[count];
    double product = 1;
    for (int t = 0; t < count; t++) {
      product *= precision.round(1 - betas[t]);
      alphasCumprod[t] = (float) product;
    }
    return ofAlphasCumprod(
        config.rescaleBetasZeroSnr() ? zeroTerminalSnr(alphasCumprod) : alphasCumprod);
  }

  /**
   * The ᾱ a zero-terminal-SNR schedule keeps at its last timestep instead of 0: diffusers'
   * Euler-type schedulers do so that σ stays finite (4096), and every sampler here works on σ.
   */
  private static final double TERMINAL_ALPHA_CUMPROD = 0x1p-24;

  /**
   * Lin et al.'s rescaling (diffusers' {@code rescale_zero_terminal_snr}): √ᾱ shifted so that it
   * ends at 0 and scaled so that it still starts at √ᾱ₀. Stable Diffusion's schedule leaves √ᾱ =
   * 0.068 of the image at its last timestep, which the pure noise that sampling starts from lacks.
   *
   * @throws EngineException when the second-to-last ᾱ falls to 2⁻²⁴ or below, where the last one
   *     must stay
   */
  private static double[] zeroTerminalSnr(double[] alphasCumprod) {
    int last = alphasCumprod.length - 1;
    double firstRoot = Math.sqrt(alphasCumprod[0]);
    double lastRoot = Math.sqrt(alphasCumprod[last]);
    double[] rescaled = new double[alphasCumprod.length];
    for (int t = 0; t < last; t++) {
      double root = (Math.sqrt(alphasCumprod[t]) - lastRoot) * firstRoot / (firstRoot - lastRoot);
      rescaled[t] = (float) (root * root);
    }
    if (!(rescaled[last - 1] > TERMINAL_ALPHA_CUMPROD)) {
      throw new EngineException(
          "rescale_betas_zero_snr true gives alphas_cumprod["
              + (last - 1)
              + "] = "
              + rescaled[last - 1]
              + "; allowed: schedules whose second-to-last value stays above 2^-24 after rescaling"
              + " (fewer num_train_timesteps or a smaller beta_end)");
    }
    rescaled[last] = TERMINAL_ALPHA_CUMPROD;
    return rescaled;
  }

  /**
   * A schedule from its ᾱ values, which must lie in (0, 1) and fall strictly with t.
   *
   * @throws EngineException naming the first timestep that breaks this
   */
  public static DiscreteSchedule ofAlphasCumprod(double[] alphasCumprod) {
    if (alphasCumprod.length < 2) {
      throw new EngineException(
          "a schedule needs at least 2 timesteps; got " + alphasCumprod.length);
    }
    for (int t = 0; t < alphasCumprod.length; t++) {
      double value = alphasCumprod[t];
      boolean falling = t == 0 || value < alphasCumprod[t - 1];
      if (!(value > 0 && value < 1) || !falling) {
        throw new EngineException(
            "alphas_cumprod["
                + t
                + "] = "
                + value
                + " breaks the schedule; allowed: values in (0, 1) falling strictly with t"
                + " (check beta_start, beta_end and beta_schedule)");
      }
    }
    return new DiscreteSchedule(alphasCumprod.clone());
  }

  /** N, the number of training timesteps. */
  public int size() {
    return alphasCumprod.length;
  }

  /** ᾱ_t for an integer timestep 0 ≤ t < N. */
  public double alphaCumprod(int t) {
    return alphasCumprod[checkIndex(t)];
  }

  /** σ_t for an integer timestep 0 ≤ t < N, exactly the table value. */
  public double sigma(int t) {
    return sigmas[checkIndex(t)];
  }

  /** σ₀, the smallest noise level of the table. */
  public double sigmaMin() {
    return sigmas[0];
  }

  /** σ_{N−1}, the largest noise level of the table. */
  public double sigmaMax() {
    return sigmas[sigmas.length - 1];
  }

  /**
   * The fractional timestep of a noise level: log σ interpolated linearly between the two table
   * entries around it, clamped to [0, N−1] (k-diffusion's non-quantized {@code sigma_to_t}). A
   * table value gives its integer timestep exactly.
   */
  public double sigmaToT(double sigma) {
    if (!(sigma > 0) || Double.isInfinite(sigma)) {
      throw new IllegalArgumentException("sigma " + sigma + " must be positive and finite");
    }
    double logSigma = Math.log(sigma);
    int found = Arrays.binarySearch(logSigmas, logSigma);
    int lastAtOrBelow = found >= 0 ? found : -found - 2;
    int low = Math.clamp(lastAtOrBelow, 0, logSigmas.length - 2);
    double weight = (logSigmas[low] - logSigma) / (logSigmas[low] - logSigmas[low + 1]);
    weight = Math.clamp(weight, 0.0, 1.0);
    return (1 - weight) * low + weight * (low + 1);
  }

  /**
   * The noise level of a fractional timestep 0 ≤ t ≤ N−1: log σ interpolated linearly between the
   * integer timesteps around it (k-diffusion's {@code t_to_sigma}). An integer timestep gives its
   * table value exactly, so that it maps back to the same integer.
   */
  public double tToSigma(double t) {
    if (!(t >= 0 && t <= size() - 1)) {
      throw new IllegalArgumentException("t " + t + " must lie in [0, " + (size() - 1) + "]");
    }
    int low = (int) Math.floor(t);
    int high = (int) Math.ceil(t);
    double weight = t - low;
    if (weight == 0) {
      return sigmas[low];
    }
    return Math.exp((1 - weight) * logSigmas[low] + weight * logSigmas[high]);
  }

  private int checkIndex(int t) {
    if (t < 0 || t >= alphasCumprod.length) {
      throw new IllegalArgumentException(
          "timestep " + t + " must lie in [0, " + (alphasCumprod.length - 1) + "]");
    }
    return t;
  }
}
