package com.diffusionlab.engine;

import java.util.List;

/**
 * Where a generation's time went, in seconds.
 *
 * @param load loading the model (0 when it was cached)
 * @param tokenize turning the prompts into tokens
 * @param encode the text encoder, and for img2img the VAE encoder
 * @param steps every sampler step, in order
 * @param decode the VAE decoder and conversion to pixels
 * @param total wall time of the whole generation, including load
 */
public record StageTimings(
    double load, double tokenize, double encode, List<Double> steps, double decode, double total) {

  public StageTimings {
    steps = List.copyOf(steps);
  }

  public double sampling() {
    return steps.stream().mapToDouble(Double::doubleValue).sum();
  }
}
