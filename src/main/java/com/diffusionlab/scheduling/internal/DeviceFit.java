package com.diffusionlab.scheduling.internal;

import com.diffusionlab.engine.DeviceSpeed;
import com.diffusionlab.engine.GenerationWork;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A device's two rates fitted on the runs it finished, whatever their model and configuration:
 * seconds = calls × seconds per call + FLOPs / FLOP rate, least squares on the relative error (a
 * 1-second run counts as much as a 100-second one). Where the runs cannot tell the two rates apart
 * (one configuration, or noise that drives one negative), the probe's rates are scaled together to
 * the runs.
 *
 * @param band how far the runs strayed from the fit
 */
record DeviceFit(DeviceSpeed speed, Band band, int runs) {

  /** A finished run's counted work and the seconds it took without loading. */
  record Sample(GenerationWork.Cost work, double seconds) {}

  /**
   * @param probe the device's measured speed, asked for only where the runs say too little
   */
  static DeviceFit of(List<Sample> samples, Supplier<DeviceSpeed> probe) {
    if (samples.isEmpty()) {
      return new DeviceFit(probe.get(), Band.factor(2), 0);
    }
    DeviceSpeed speed = twoRates(samples);
    if (speed == null) {
      speed = scaled(samples, probe.get());
    }
    List<Double> ratios = new ArrayList<>();
    for (Sample sample : samples) {
      ratios.add(sample.seconds() / speed.seconds(sample.work()));
    }
    return new DeviceFit(speed, Band.of(ratios, 1), samples.size());
  }

  /**
   * Minimises Σ(τ·cᵢ/yᵢ + ρ·fᵢ/yᵢ − 1)² over τ (seconds per call) and ρ (seconds per FLOP); null
   * when that has no positive solution.
   */
  private static DeviceSpeed twoRates(List<Sample> samples) {
    double aa = 0;
    double ab = 0;
    double bb = 0;
    double a1 = 0;
    double b1 = 0;
    for (Sample sample : samples) {
      double a = sample.work().calls() / sample.seconds();
      double b = sample.work().flops() / sample.seconds();
      aa += a * a;
      ab += a * b;
      bb += b * b;
      a1 += a;
      b1 += b;
    }
    double determinant = aa * bb - ab * ab;
    if (determinant <= 1e-9 * aa * bb) {
      return null;
    }
    double perCall = (a1 * bb - b1 * ab) / determinant;
    double perFlop = (aa * b1 - ab * a1) / determinant;
    return perCall > 0 && perFlop > 0 ? new DeviceSpeed(1 / perFlop, perCall) : null;
  }

  /** The probe's rates times the one factor that fits the runs best (least squares, relative). */
  private static DeviceSpeed scaled(List<Sample> samples, DeviceSpeed probe) {
    double sum = 0;
    double squares = 0;
    for (Sample sample : samples) {
      double ratio = probe.seconds(sample.work()) / sample.seconds();
      sum += ratio;
      squares += ratio * ratio;
    }
    double factor = sum / squares;
    return new DeviceSpeed(probe.flopsPerSecond() / factor, probe.secondsPerCall() * factor);
  }

  double seconds(GenerationWork work) {
    return speed.seconds(work.total());
  }
}
