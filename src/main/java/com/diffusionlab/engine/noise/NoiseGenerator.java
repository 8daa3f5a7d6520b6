package com.diffusionlab.engine.noise;

/**
 * A stateful stream of standard normal numbers for one image, seeded once. Each call continues the
 * stream, as the corresponding torch generator would: the first call gives the initial latent
 * noise, later calls the noise of ancestral samplers. Implementations are pure Java so that the
 * numbers never depend on the device that runs the networks, nor on any global seed.
 */
public interface NoiseGenerator {

  /** Draws {@code product(shape)} numbers in row-major order, as {@code torch.randn(shape)}. */
  float[] randn(long... shape);
}
