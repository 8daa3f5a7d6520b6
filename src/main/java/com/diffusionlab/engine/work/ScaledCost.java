package com.diffusionlab.engine.work;

import com.diffusionlab.engine.GenerationWork.Cost;
import java.util.List;

/**
 * The work of one pass of a network over one image as a function of its latent pixels P: {@code
 * constant + linear·P + quadratic·P²} operations (convolutions and linear layers grow with the
 * pixels, self-attention with their square; the time embedding and the projections of the text
 * context do not grow) and a fixed number of kernel calls.
 *
 * @param resultBytesPerPixel the largest result a pass makes, per latent pixel
 */
record ScaledCost(
    double constant, double linear, double quadratic, double calls, double resultBytesPerPixel) {

  /** A pass that does not depend on the image size (the text encoder). */
  static ScaledCost constant(Probe probe) {
    return new ScaledCost(probe.flops(), 0, 0, probe.calls(), 0);
  }

  /**
   * The coefficients through three measured passes: solving {@code f(P) = c + aP + bP²} for them
   * gives the coefficients exactly when the sides divide by the network's downsampling.
   */
  static ScaledCost fit(List<Probe> probes) {
    if (probes.size() != 3) {
      throw new IllegalArgumentException("three probes are needed, not " + probes.size());
    }
    Probe p1 = probes.get(0);
    Probe p2 = probes.get(1);
    Probe p3 = probes.get(2);
    // divided differences of the quadratic through the three points
    double slope12 = (p2.flops() - p1.flops()) / (p2.pixels() - p1.pixels());
    double slope23 = (p3.flops() - p2.flops()) / (p3.pixels() - p2.pixels());
    double quadratic = (slope23 - slope12) / (p3.pixels() - p1.pixels());
    double linear = slope12 - quadratic * (p1.pixels() + p2.pixels());
    double constant = p1.flops() - linear * p1.pixels() - quadratic * p1.pixels() * p1.pixels();
    double calls = probes.stream().mapToDouble(Probe::calls).max().orElseThrow();
    return new ScaledCost(
        constant, linear, quadratic, calls, (double) p3.largestResultBytes() / p3.pixels());
  }

  /** One pass over {@code images} images of {@code pixels} latent pixels each, in one batch. */
  Cost at(double pixels, int images) {
    return new Cost(images * (constant + linear * pixels + quadratic * pixels * pixels), calls);
  }

  /** The largest result of a pass over {@code images} images in one batch. */
  long resultBytes(double pixels, int images) {
    return (long) (resultBytesPerPixel * pixels * images);
  }

  /** What one counted pass did. */
  record Probe(double pixels, double flops, double calls, long largestResultBytes) {}
}
