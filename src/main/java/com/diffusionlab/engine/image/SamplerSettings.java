package com.diffusionlab.engine.image;

/**
 * The sampler of a replayable run.
 *
 * @param name sampler name as the engine knows it (for instance {@code euler_a})
 * @param schedule sigma or timestep schedule (for instance {@code karras})
 * @param eta noise added per step by ancestral/DDIM samplers; 0 when the sampler adds none
 */
public record SamplerSettings(String name, String schedule, double eta) {
  public SamplerSettings {
    ReplayMetadata.requireText("sampler", name);
    ReplayMetadata.requireText("schedule", schedule);
    if (!Double.isFinite(eta) || eta < 0) {
      throw new IllegalArgumentException("eta is " + eta + "; it must be finite and at least 0");
    }
  }
}
