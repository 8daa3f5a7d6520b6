package com.diffusionlab.engine.sampling;

import java.util.Arrays;
import java.util.List;

/**
 * A sampler of k-diffusion (Karras et al. 2022 formulation) stepping through the σ of a {@link
 * SigmaSchedule}. Plans follow AUTOMATIC1111: img2img runs the last {@code t_enc + 1} steps of the
 * full schedule, t_enc = ⌊min(strength, 0.999)·steps⌋.
 */
abstract class KDiffusionSampler extends StepLoopSampler {
  /** Bounds the plan of a hostile request; no sampler needs more. */
  static final int MAX_STEPS = 10_000;

  /** AUTOMATIC1111 never runs the full schedule in img2img. */
  private static final double MAX_IMG2IMG_STRENGTH = 0.999;

  private final SigmaSchedule sigmaSchedule;

  KDiffusionSampler(
      SamplerType type,
      SamplerSettings settings,
      DiscreteSchedule schedule,
      SigmaSchedule sigmaSchedule) {
    super(type, settings, schedule);
    this.sigmaSchedule = sigmaSchedule;
  }

  @Override
  public SamplingPlan plan(int steps, double strength) {
    checkSteps(steps, MAX_STEPS);
    checkStrength(strength);
    double[] full = sigmaSchedule.sigmas(schedule(), steps);
    int first = 0;
    if (strength < 1) {
      int encoded = (int) (Math.min(strength, MAX_IMG2IMG_STRENGTH) * steps);
      first = steps - encoded - 1;
    }
    List<Double> sigmas = Arrays.stream(full, first, full.length).boxed().toList();
    return new SamplingPlan(name(), steps, strength, sigmas, List.of(), sigmas.get(0));
  }
}
