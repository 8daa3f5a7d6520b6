package com.diffusionlab.engine;

/**
 * How fast a device runs the networks' kind of work: seconds are {@code calls × secondsPerCall +
 * flops / flopsPerSecond}.
 *
 * @param flopsPerSecond the arithmetic rate of large convolutions and matrix products
 * @param secondsPerCall the fixed cost of one kernel call with the element-wise operations around
 *     it, which dominates on small tensors
 */
public record DeviceSpeed(double flopsPerSecond, double secondsPerCall) {

  public double seconds(GenerationWork.Cost work) {
    return work.calls() * secondsPerCall + work.flops() / flopsPerSecond;
  }
}
