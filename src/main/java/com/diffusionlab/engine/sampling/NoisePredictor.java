package com.diffusionlab.engine.sampling;

import ai.djl.ndarray.NDArray;

/** The raw noise-prediction network: a UNet call giving ε or v, as the model was trained. */
@FunctionalInterface
public interface NoisePredictor {

  /**
   * Runs the network.
   *
   * @param scaledInput the latent already multiplied by c_in = 1/√(σ²+1), i.e. on the scale of
   *     diffusers' {@code x_t}; must be neither modified nor closed
   * @param timestep the (fractional) training timestep of σ, in [0, N−1]
   * @return a new array of the shape of {@code scaledInput} that the caller owns
   */
  NDArray predict(NDArray scaledInput, double timestep);
}
