package com.diffusionlab.reports.internal;

import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Maps values linearly onto drawing units. The domain is widened to round numbers (a multiple of a
 * step of 1, 2 or 5 times a power of ten) so that the ticks fall on round values at both ends.
 *
 * @param min the domain's low end, a multiple of {@code step}
 * @param max the domain's high end, a multiple of {@code step}, above {@code min}
 * @param from where {@code min} is drawn
 * @param to where {@code max} is drawn (less than {@code from} for a y axis, which grows upwards)
 */
record LinearScale(double min, double max, double step, double from, double to) {

  private static final int TICKS = 5;
  private static final String[] PREFIXES = {"", "k", "M", "G", "T"};

  /** A scale covering {@code low} to {@code high} with about five ticks. */
  static LinearScale covering(double low, double high, double from, double to) {
    if (!Double.isFinite(low) || !Double.isFinite(high) || low > high) {
      return covering(0, 1, from, to);
    }
    if (low == high) {
      // One value: centre it, with room around it of a tenth of itself (or one unit at zero).
      double margin = low == 0 ? 1 : Math.abs(low) / 10;
      return covering(low - margin, high + margin, from, to);
    }
    double step = niceStep((high - low) / TICKS);
    double min = Math.floor(low / step) * step;
    double max = Math.ceil(high / step) * step;
    return new LinearScale(min, max, step, from, to);
  }

  /** {@code raw} rounded to 1, 2 or 5 times a power of ten. */
  private static double niceStep(double raw) {
    double power = Math.pow(10, Math.floor(Math.log10(raw)));
    double fraction = raw / power;
    double nice = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10;
    return nice * power;
  }

  double map(double value) {
    return from + (value - min) / (max - min) * (to - from);
  }

  /** The round values from {@code min} to {@code max}, one step apart. */
  List<Double> ticks() {
    int count = (int) Math.round((max - min) / step);
    return IntStream.rangeClosed(0, count).mapToObj(i -> min + i * step).toList();
  }

  /**
   * A tick value as short text: zero as {@code 0}, others with as many decimals as the step needs,
   * and from 10,000 on with a metric prefix ({@code 262k}, {@code 1.5M}) so that pixel counts and
   * seeds stay narrow.
   */
  String label(double value) {
    if (Math.abs(value) < step * 1e-9) {
      return "0";
    }
    int prefix = 0;
    double scale = 1;
    double largest = Math.max(Math.abs(min), Math.abs(max));
    while (largest / scale >= 10_000 && prefix < PREFIXES.length - 1) {
      scale *= 1000;
      prefix++;
    }
    int decimals = (int) Math.max(0, -Math.floor(Math.log10(step / scale) + 1e-9));
    return String.format(Locale.ROOT, "%." + decimals + "f", value / scale) + PREFIXES[prefix];
  }
}
