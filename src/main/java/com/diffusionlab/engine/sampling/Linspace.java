package com.diffusionlab.engine.sampling;

import java.util.function.DoubleUnaryOperator;

/**
 * Evenly spaced values computed the way the reference implementations compute them, because the
 * last bits of a schedule decide which integer a timestep rounds to.
 */
final class Linspace {
  private Linspace() {}

  /**
   * {@code torch.linspace(start, end, n)}: the first half counted up from {@code start}, the second
   * half down from {@code end}, every operation rounded by {@code round} (the tensor's precision).
   * One value is {@code start}.
   */
  static double[] torch(double start, double end, int n, DoubleUnaryOperator round) {
    double first = round.applyAsDouble(start);
    double last = round.applyAsDouble(end);
    double[] values = new double[n];
    if (n == 1) {
      values[0] = first;
      return values;
    }
    double step = round.applyAsDouble((last - first) / (n - 1));
    int halfway = n / 2;
    for (int i = 0; i < n; i++) {
      values[i] =
          i < halfway
              ? round.applyAsDouble(first + round.applyAsDouble(step * i))
              : round.applyAsDouble(last - round.applyAsDouble(step * (n - 1 - i)));
    }
    return values;
  }

  /**
   * {@code numpy.linspace(start, end, n)} in float64: {@code i·step + start}, the last value
   * exactly {@code end}. One value is {@code start}.
   */
  static double[] numpy(double start, double end, int n) {
    double[] values = new double[n];
    if (n == 1) {
      values[0] = start;
      return values;
    }
    double step = (end - start) / (n - 1);
    for (int i = 0; i < n; i++) {
      values[i] = i * step + start;
    }
    values[n - 1] = end;
    return values;
  }
}
